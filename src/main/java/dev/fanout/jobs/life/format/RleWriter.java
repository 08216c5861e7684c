package dev.fanout.jobs.life.format;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.grid.Grid;

/**
 * Writes a grid as standard RLE: {@code #C} comment lines, the header {@code x = <width>, y = <height>, rule = B3/S23},
 * then the runs, lines of at most {@value #MAX_LINE} characters broken between runs, dead cells at the end of a row
 * and empty rows at the end left out, consecutive row ends merged ({@code 3$}), and {@code !}. {@link PatternReader}
 * reads it back to the same grid. Streams: memory does not grow with the grid.
 */
public final class RleWriter {

	public static final int MAX_LINE = 70;

	private final Writer out;

	private final StringBuilder line = new StringBuilder(MAX_LINE);

	private RleWriter(Writer out) {
		this.out = out;
	}

	public static String toRle(Grid grid, List<String> comments) {
		StringWriter text = new StringWriter();
		try {
			write(grid, comments, text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return text.toString();
	}

	/** Writes the file atomically: it is complete or absent. */
	public static void write(Path file, Grid grid, List<String> comments) throws IOException {
		AtomicFiles.writeBytes(file, channel -> {
			Writer writer = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(channel),
					StandardCharsets.UTF_8));
			write(grid, comments, writer);
			writer.flush();
		});
	}

	public static void write(Grid grid, List<String> comments, Writer out) throws IOException {
		for (String comment : comments) {
			out.write("#C " + comment.replaceAll("[\\r\\n]+", " ").strip() + "\n");
		}
		out.write("x = %d, y = %d, rule = B3/S23\n".formatted(grid.width(), grid.height()));
		new RleWriter(out).body(grid);
	}

	private void body(Grid grid) throws IOException {
		// Row ends not written yet: they are written only before a row with live cells, so trailing empty rows vanish.
		long rowEnds = 0;
		for (int row = 0; row < grid.height(); row++) {
			int alive = grid.nextAlive(row, 0);
			if (alive == grid.width()) {
				rowEnds++;
				continue;
			}
			if (rowEnds > 0) {
				run(rowEnds, '$');
			}
			int col = 0;
			while (alive < grid.width()) {
				if (alive > col) {
					run(alive - col, 'b');
				}
				col = grid.nextDead(row, alive);
				run(col - alive, 'o');
				alive = grid.nextAlive(row, col);
			}
			rowEnds = 1;
		}
		token("!");
		this.out.write(this.line.append('\n').toString());
	}

	private void run(long count, char tag) throws IOException {
		token((count == 1) ? String.valueOf(tag) : count + String.valueOf(tag));
	}

	private void token(String token) throws IOException {
		if (this.line.length() + token.length() > MAX_LINE) {
			this.out.write(this.line.append('\n').toString());
			this.line.setLength(0);
		}
		this.line.append(token);
	}

}
