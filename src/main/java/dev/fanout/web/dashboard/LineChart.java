package dev.fanout.web.dashboard;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.OutputChart;

/**
 * A series a job declared ({@link OutputChart}: a CSV of {@code x,y} whole numbers, e.g. life's population per
 * generation) as an SVG polyline. Long series are thinned to at most {@value #MAX_POINTS} points, so a million
 * generations still make a small page.
 *
 * @param points the polyline's {@code x,y} pairs in a {@value #WIDTH}×{@value #HEIGHT} box
 * @param verticalTicks labelled values of the vertical axis: 0 and round, evenly spaced values up to the maximum
 * @param horizontalTicks labelled values of the horizontal axis: the first x and round, evenly spaced ones
 */
public record LineChart(String caption, String horizontal, String points, long minY, long maxY, long lastX,
		List<Tick> verticalTicks, List<Tick> horizontalTicks) {

	/** An axis label: {@code at} is the x (horizontal axis) or y (vertical axis) coordinate in the chart's box. */
	public record Tick(String at, long value) {

	}

	/** Roughly how many intervals an axis is cut into (the round step makes it 3 to 6). */
	static final int TICKS = 4;

	static final int WIDTH = 600;

	static final int HEIGHT = 160;

	static final int MAX_POINTS = 600;

	/** Above this the file is not charted: reading it would cost more than the chart is worth. */
	static final long MAX_FILE_BYTES = 64L * 1024 * 1024;

	/** The chart of this CSV, or {@code null} when it is missing, empty, too large or unreadable. */
	static @Nullable LineChart read(Path csv, OutputChart declared) {
		List<long[]> rows = new ArrayList<>();
		try {
			if (!Files.isRegularFile(csv) || Files.size(csv) > MAX_FILE_BYTES) {
				return null;
			}
			try (BufferedReader reader = Files.newBufferedReader(csv)) {
				reader.readLine(); // header
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					String[] cells = line.split(",");
					if (cells.length == 2) {
						rows.add(new long[] { Long.parseLong(cells[0].trim()), Long.parseLong(cells[1].trim()) });
					}
				}
			}
		}
		catch (IOException | NumberFormatException ex) {
			return null;
		}
		return rows.isEmpty() ? null : of(declared, rows);
	}

	private static LineChart of(OutputChart declared, List<long[]> rows) {
		int stride = (rows.size() + MAX_POINTS - 1) / MAX_POINTS;
		List<long[]> kept = new ArrayList<>();
		for (int i = 0; i < rows.size(); i += stride) {
			kept.add(rows.get(i));
		}
		if (kept.get(kept.size() - 1) != rows.get(rows.size() - 1)) {
			kept.add(rows.get(rows.size() - 1));
		}
		long first = rows.get(0)[0];
		long last = rows.get(rows.size() - 1)[0];
		long min = rows.stream().mapToLong((r) -> r[1]).min().orElse(0);
		long max = rows.stream().mapToLong((r) -> r[1]).max().orElse(0);
		double xScale = WIDTH / (double) Math.max(last - first, 1);
		double yScale = (HEIGHT - 10) / (double) Math.max(max, 1);
		String points = kept.stream()
			.map((r) -> String.format(Locale.ROOT, "%.1f,%.1f", (r[0] - first) * xScale, HEIGHT - 5 - r[1] * yScale))
			.collect(Collectors.joining(" "));
		List<Tick> verticalTicks = ticks(0, max).stream()
			.map((v) -> new Tick(String.format(Locale.ROOT, "%.1f", HEIGHT - 5 - v * yScale), v))
			.toList();
		List<Tick> horizontalTicks = ticks(first, last).stream()
			.map((g) -> new Tick(String.format(Locale.ROOT, "%.1f", (g - first) * xScale), g))
			.toList();
		return new LineChart(declared.caption(), declared.horizontal(), points, min, max, last, verticalTicks,
				horizontalTicks);
	}

	/**
	 * {@code from} and the multiples of a round step (1, 2 or 5 × 10ⁿ, about a {@value #TICKS}th of the range) up to
	 * {@code to}: 0, 50, 100, 150 for 0–172.
	 */
	static List<Long> ticks(long from, long to) {
		List<Long> ticks = new ArrayList<>(List.of(from));
		long range = to - from;
		if (range <= 0) {
			return ticks;
		}
		long step = roundStep(Math.max(1, range / TICKS));
		for (long value = (from / step + 1) * step; value <= to; value += step) {
			// Not right next to the first label, where the two would overlap.
			if (value - from >= step / 2) {
				ticks.add(value);
			}
		}
		return ticks;
	}

	/** The smallest 1, 2 or 5 × 10ⁿ at least {@code rough}. */
	private static long roundStep(long rough) {
		long power = 1;
		while (power * 10 <= rough) {
			power *= 10;
		}
		for (long factor : new long[] { 1, 2, 5, 10 }) {
			if (factor * power >= rough) {
				return factor * power;
			}
		}
		return 10 * power;
	}

}
