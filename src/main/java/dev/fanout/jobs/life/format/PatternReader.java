package dev.fanout.jobs.life.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;

import dev.fanout.core.InputText;
import dev.fanout.core.Units;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Pattern;

/**
 * Reads a pattern: RLE (the Golly/LifeWiki format), LifeWiki's plaintext (the {@code .cells} files) or the book's
 * plain text, all UTF-8 text (a byte order mark at the start is skipped). A file is RLE if its name ends with
 * {@code .rle} or its first line that is neither blank nor a {@code #} comment starts with {@code x}; plain text
 * otherwise. Every error is an {@link IllegalArgumentException} naming the source, the line and what is wrong, with
 * any character one cannot see escaped.
 * <p>
 * <b>RLE.</b> {@code #} lines are comments; the header {@code x = <width>, y = <height>[, rule = B3/S23]} comes
 * first; then runs {@code [count]tag}: {@code b} dead, {@code o} alive, {@code $} end of row (a count skips rows),
 * {@code !} the end (anything after it is ignored; a missing {@code !} ends at the end of the file). Whitespace and
 * line breaks between and inside runs are ignored, so lines may have any length and runs may be split across them;
 * the body is read a character at a time, so a long line costs no memory. Missing cells are dead.
 * <p>
 * <b>Plain text.</b> One row per line, {@code *} alive, {@code -} dead; {@code #} lines are comments, trailing
 * whitespace and blank lines before and after the rows are ignored. Rows shorter than the longest one are padded
 * with dead cells.
 * <p>
 * <b>LifeWiki's plaintext.</b> The same with {@code O} alive (or {@code *}, a variant LifeWiki lists), {@code .}
 * dead and {@code !} comments ({@code !Name: Glider}); as LifeWiki's files do, a blank line between rows is a row of
 * dead cells. A file is read so if its name ends with {@code .cells}, or its first cell that is not {@code *} is
 * {@code .} or {@code O}, or it has only {@code *} cells and {@code !} comments. A file mixing the two formats'
 * cells ({@code -} with {@code .} or {@code O}) is refused: it is more likely a mistake than a drawing.
 */
public final class PatternReader {

	private static final java.util.regex.Pattern HEADER = java.util.regex.Pattern.compile(
			"\\s*x\\s*=\\s*([+-]?\\d+)\\s*,\\s*y\\s*=\\s*([+-]?\\d+)\\s*(?:,\\s*rule\\s*=\\s*(\\S*?)\\s*)?",
			java.util.regex.Pattern.CASE_INSENSITIVE);

	private static final String RLE_HELP = "RLE runs are [count]b (dead), [count]o (alive), [count]$ (end of row) and ! (end)";

	private PatternReader() {
	}

	/**
	 * Reads a file, detecting its format.
	 * @throws IllegalArgumentException also when the file is not UTF-8 text, naming it and what a pattern is
	 */
	public static Pattern read(Path file) throws IOException {
		String source = file.getFileName().toString();
		try {
			boolean rle = source.toLowerCase(Locale.ROOT).endsWith(".rle");
			if (!rle) {
				try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
					rle = looksLikeRle(reader);
				}
			}
			boolean cells = source.toLowerCase(Locale.ROOT).endsWith(".cells");
			try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
				return rle ? parseRle(reader, source) : parsePlain(reader, source, cells);
			}
		}
		catch (CharacterCodingException ex) {
			throw InputText.notText("pattern", file, "a pattern is text: RLE (a file named .rle), LifeWiki's plaintext "
					+ "('O' alive, '.' dead) or the book's plain text ('*' alive, '-' dead)");
		}
	}

	/** Parses text, detecting its format from the content. */
	public static Pattern parse(String text, String source) {
		try {
			boolean rle = looksLikeRle(new BufferedReader(new StringReader(text)));
			Reader reader = new StringReader(text);
			return rle ? parseRle(reader, source) : parsePlain(reader, source);
		}
		catch (IOException ex) {
			throw new IllegalStateException("reading a string failed", ex);
		}
	}

	private static boolean looksLikeRle(BufferedReader reader) throws IOException {
		InputText.skipBom(reader);
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			String text = line.strip();
			if (!text.isEmpty() && !text.startsWith("#")) {
				return text.startsWith("x") || text.startsWith("X");
			}
		}
		return false;
	}

	/**
	 * Whether a rule is B3/S23, as Golly and LifeWiki write it: {@code B3/S23} in any case, {@code S23/B3}, or the
	 * older survival/birth form {@code 23/3}; refuses any other rule with a message naming it.
	 */
	static void checkRule(String rule, String where) {
		String normalized = rule.strip().toUpperCase(Locale.ROOT);
		if (!normalized.equals("B3/S23") && !normalized.equals("S23/B3") && !normalized.equals("23/3")) {
			throw new IllegalArgumentException(("%s: rule = %s is not supported; Fanout plays only Conway's Life, "
					+ "rule = B3/S23 (also written 23/3)").formatted(where,
					rule.isBlank() ? "(empty)" : InputText.visible(rule.strip())));
		}
	}

	public static Pattern parseRle(Reader input, String source) throws IOException {
		BufferedReader reader = InputText
			.skipBom((input instanceof BufferedReader buffered) ? buffered : new BufferedReader(input));
		int lineNumber = 0;
		String header = null;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			lineNumber++;
			String text = line.strip();
			if (!text.isEmpty() && !text.startsWith("#")) {
				header = text;
				break;
			}
		}
		if (header == null) {
			throw new IllegalArgumentException(("%s holds no pattern: an RLE file needs the header "
					+ "'x = <width>, y = <height>, rule = B3/S23' and the runs").formatted(source));
		}
		String where = source + " line " + lineNumber;
		Matcher matcher = HEADER.matcher(header);
		if (!matcher.matches()) {
			throw new IllegalArgumentException(("%s: missing or malformed RLE header: expected "
					+ "'x = <width>, y = <height>, rule = B3/S23', found '%s'").formatted(where,
							InputText.visible(abbreviate(header))));
		}
		int width = headerSize(matcher.group(1), "x", where);
		int height = headerSize(matcher.group(2), "y", where);
		if (matcher.group(3) != null) {
			checkRule(matcher.group(3), where);
		}
		Grid cells = allocate(width, height, where);
		new RleBody(reader, source, lineNumber + 1, cells).parse();
		return new Pattern(cells, Pattern.Format.RLE);
	}

	private static int headerSize(String value, String name, String where) {
		long size;
		try {
			size = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
		}
		catch (NumberFormatException ex) {
			size = Long.MAX_VALUE;
		}
		if (size < 1) {
			throw new IllegalArgumentException("%s: %s = %s in the header is not a positive size".formatted(where,
					name, value));
		}
		if (size > Integer.MAX_VALUE) {
			throw new IllegalArgumentException("%s: %s = %s in the header is too large (at most %d)".formatted(where,
					name, value, Integer.MAX_VALUE));
		}
		return (int) size;
	}

	/** Refuses a pattern whose grid would not fit next to the grids of the run, before allocating it. */
	private static Grid allocate(int width, int height, String where) {
		try {
			Grid.checkSize(width, height);
			long budget = Grid.heapBudget() / Grid.GRIDS_IN_MEMORY;
			if (Grid.estimateBytes(width, height) > budget) {
				throw new IllegalArgumentException("it needs %s, more than the limit of %s (a third of half the heap)"
					.formatted(Units.bytes(Grid.estimateBytes(width, height)), Units.bytes(budget)));
			}
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("%s: a %d×%d pattern is too large: %s".formatted(where, width, height,
					ex.getMessage()), ex);
		}
		return new Grid(width, height);
	}

	private static String abbreviate(String text) {
		return (text.length() <= 60) ? text : text.substring(0, 57) + "...";
	}

	/** The runs after the header, one character at a time. */
	private static final class RleBody {

		private final Reader reader;

		private final String source;

		private final Grid cells;

		private int line;

		private boolean lineStart = true;

		private int row;

		private int col;

		/** The pending run count, or -1 for none (a count of 1). */
		private long count = -1;

		RleBody(Reader reader, String source, int firstLine, Grid cells) {
			this.reader = reader;
			this.source = source;
			this.line = firstLine;
			this.cells = cells;
		}

		void parse() throws IOException {
			for (int c = this.reader.read(); c != -1; c = this.reader.read()) {
				if (c == '\n') {
					this.line++;
					this.lineStart = true;
					continue;
				}
				if (this.lineStart && c == '#') {
					skipLine();
					continue;
				}
				this.lineStart = false;
				if (c == ' ' || c == '\t' || c == '\r') {
					continue;
				}
				if (c >= '0' && c <= '9') {
					digit(c - '0');
				}
				else if (c == 'b' || c == 'o') {
					cells(c == 'o');
				}
				else if (c == '$') {
					endOfRow();
				}
				else if (c == '!') {
					end();
					return;
				}
				else {
					throw error("unknown tag '%s'; %s".formatted(printable(c), RLE_HELP));
				}
			}
			end();
		}

		private void skipLine() throws IOException {
			int c;
			do {
				c = this.reader.read();
			}
			while (c != -1 && c != '\n');
			this.line++;
		}

		private void digit(int digit) {
			long value = ((this.count < 0) ? 0 : this.count) * 10 + digit;
			if (value > Integer.MAX_VALUE) {
				throw error("run count %d... is too large for a %d×%d pattern".formatted(value, this.cells.width(),
						this.cells.height()));
			}
			this.count = value;
		}

		private int takeCount() {
			if (this.count == 0) {
				throw error("a run count of 0; counts start at 1");
			}
			int run = (this.count < 0) ? 1 : (int) this.count;
			this.count = -1;
			return run;
		}

		private void cells(boolean alive) {
			int run = takeCount();
			if (this.row >= this.cells.height()) {
				throw error("row %d is beyond the declared height y = %d".formatted(this.row + 1, this.cells.height()));
			}
			if ((long) this.col + run > this.cells.width()) {
				throw error("row %d has %d or more cells, more than the declared width x = %d".formatted(this.row + 1,
						(long) this.col + run, this.cells.width()));
			}
			if (alive) {
				for (int i = 0; i < run; i++) {
					this.cells.set(this.row, this.col + i, true);
				}
			}
			this.col += run;
		}

		private void endOfRow() {
			int run = takeCount();
			// One '$' past the last row is tolerated (some writers end every row with '$'); cells there are not.
			if ((long) this.row + run > this.cells.height()) {
				throw error("%d$ goes to row %d, beyond the declared height y = %d".formatted(run,
						(long) this.row + run + 1, this.cells.height()));
			}
			this.row += run;
			this.col = 0;
		}

		private void end() {
			if (this.count >= 0) {
				throw error("run count %d is not followed by b, o or $".formatted(this.count));
			}
		}

		private IllegalArgumentException error(String problem) {
			return new IllegalArgumentException("%s line %d: %s".formatted(this.source, this.line, problem));
		}

		private static String printable(int c) {
			return InputText.visible(c);
		}

	}

	/** Parses plain text, the book's or LifeWiki's, telling them apart by the cells (see the class comment). */
	public static Pattern parsePlain(Reader input, String source) throws IOException {
		return parsePlain(input, source, false);
	}

	/**
	 * Parses plain text.
	 * @param cellsFile whether the file is named {@code .cells}: then it is LifeWiki's plaintext whatever it holds
	 */
	static Pattern parsePlain(Reader input, String source, boolean cellsFile) throws IOException {
		BufferedReader reader = InputText
			.skipBom((input instanceof BufferedReader buffered) ? buffered : new BufferedReader(input));
		List<PlainLine> lines = new ArrayList<>();
		boolean bangComments = false;
		int lineNumber = 0;
		for (String line = reader.readLine(); line != null; line = reader.readLine()) {
			lineNumber++;
			String text = line.stripTrailing();
			if (text.startsWith("#") || text.startsWith("!")) {
				bangComments |= text.startsWith("!");
				continue;
			}
			if (!text.isEmpty() || !lines.isEmpty()) {
				lines.add(new PlainLine(lineNumber, text));
			}
		}
		while (!lines.isEmpty() && lines.getLast().text().isEmpty()) {
			lines.removeLast();
		}
		if (lines.isEmpty()) {
			throw new IllegalArgumentException(("%s holds no pattern: write one row per line, '*' for alive and '-' "
					+ "for dead (or LifeWiki's 'O' and '.'), or use RLE").formatted(source));
		}
		PlainDialect dialect = PlainDialect.of(lines, cellsFile, bangComments);
		int width = 0;
		for (PlainLine line : lines) {
			if (line.text().isEmpty() && !dialect.cells()) {
				throw new IllegalArgumentException(("%s line %d is blank between rows; write a row of dead cells as "
						+ "'-----'").formatted(source, line.number()));
			}
			dialect.check(line, source);
			width = Math.max(width, line.text().length());
		}
		// A .cells file may leave out its empty rows' dots: a pattern of blank rows only is still no pattern.
		if (width == 0) {
			throw new IllegalArgumentException("%s holds no pattern: its rows are all blank".formatted(source));
		}
		Grid cells = allocate(width, lines.size(), source + " line " + lines.getFirst().number());
		for (int row = 0; row < lines.size(); row++) {
			String text = lines.get(row).text();
			for (int col = 0; col < text.length(); col++) {
				char c = text.charAt(col);
				if (c == '*' || c == 'O') {
					cells.set(row, col, true);
				}
			}
		}
		return new Pattern(cells, dialect.cells() ? Pattern.Format.CELLS : Pattern.Format.PLAIN);
	}

	/** A line of plain text that is not a comment: a row, or blank. */
	private record PlainLine(int number, String text) {
	}

	/**
	 * Which plain text a file is: LifeWiki's ({@code O} alive, {@code .} dead, blank lines are empty rows) or the
	 * book's ({@code *} alive, {@code -} dead).
	 * @param cells whether it is LifeWiki's
	 * @param reason why, for a message about a cell of the other format, or "" when nothing in the file decided it
	 */
	private record PlainDialect(boolean cells, String reason) {

		/**
		 * The file's name decides; else its first {@code -}, {@code .} or {@code O}; else (only {@code *} cells)
		 * LifeWiki's {@code !} comments.
		 */
		static PlainDialect of(List<PlainLine> lines, boolean cellsFile, boolean bangComments) {
			if (cellsFile) {
				return new PlainDialect(true, "the file is named .cells");
			}
			for (PlainLine line : lines) {
				String text = line.text();
				for (int i = 0; i < text.length(); i++) {
					char c = text.charAt(i);
					if (c == '-' || c == '.' || c == 'O') {
						return new PlainDialect(c != '-', "line %d column %d has '%s'".formatted(line.number(), i + 1, c));
					}
				}
			}
			return new PlainDialect(bangComments, "");
		}

		void check(PlainLine line, String source) {
			String text = line.text();
			for (int i = 0; i < text.length(); i++) {
				char c = text.charAt(i);
				boolean cell = this.cells ? (c == 'O' || c == '*' || c == '.') : (c == '*' || c == '-');
				if (!cell) {
					throw new IllegalArgumentException("%s line %d column %d: '%s' is not a cell; %s%s".formatted(source,
							line.number(), i + 1, RleBody.printable(c), help(), mixed(c)));
				}
			}
		}

		private String help() {
			if (this.reason.isEmpty()) {
				// Nothing in the file looked like either plain format: it may be no pattern at all.
				return "a pattern is RLE (a file named .rle), LifeWiki's plaintext ('O' alive, '.' dead) or the book's "
						+ "plain text ('*' alive, '-' dead)";
			}
			return this.cells ? "LifeWiki's plaintext (.cells) format has 'O' for alive and '.' for dead"
					: "the plain text format has '*' for alive and '-' for dead";
		}

		/** Says why a cell of the other format is refused: a file is one format or the other. */
		private String mixed(char c) {
			boolean otherFormats = this.cells ? (c == '-') : (c == '.' || c == 'O');
			if (!otherFormats || this.reason.isEmpty()) {
				return "";
			}
			return " (%s, so the file is read as %s; do not mix the two formats)".formatted(this.reason,
					this.cells ? "LifeWiki's plaintext" : "the book's plain text");
		}

	}

}
