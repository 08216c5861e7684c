package dev.fanout.jobs.life.format;

import java.util.ArrayList;
import java.util.List;
import dev.fanout.jobs.life.grid.Grid;

/**
 * The book's side-by-side view of generations: the generation number centred over each column, the grid's rows of
 * {@code *} (alive) and {@code -} (dead) below it, columns separated by {@code " | "}:
 * <pre>
 *     0     |     1     |     2
 * ---*----- | --------- | ---------
 * </pre>
 * Unlike the book it labels the real generation (its loop appended generation 0 five times), keeps columns aligned
 * when a number is wider than the grid or the width is even, and starts a new block of columns, after a blank line,
 * when a line would pass {@value #MAX_LINE} characters. Meant for small grids ({@link #isSmall}).
 */
public final class ColumnPrinter {

	public static final int SMALL_WIDTH = 40;

	public static final int SMALL_HEIGHT = 40;

	/** Generations a job shows by default: 0 to 9. */
	public static final int DEFAULT_COLUMNS = 10;

	public static final int MAX_LINE = 120;

	private static final String SEPARATOR = " | ";

	private final List<Column> columns = new ArrayList<>();

	private record Column(String label, Grid grid) {

		int width() {
			return Math.max(this.label.length(), this.grid.width());
		}

	}

	/** Whether a grid is small enough for this view. */
	public static boolean isSmall(int width, int height) {
		return width <= SMALL_WIDTH && height <= SMALL_HEIGHT;
	}

	/** Adds a column; the grid is copied. All grids must have the same height. */
	public ColumnPrinter append(long generation, Grid grid) {
		if (!this.columns.isEmpty() && this.columns.get(0).grid().height() != grid.height()) {
			throw new IllegalArgumentException("all columns need the same height");
		}
		this.columns.add(new Column(Long.toString(generation), grid.copy()));
		return this;
	}

	/** The columns, every line ending with a newline; empty without columns. */
	@Override
	public String toString() {
		StringBuilder text = new StringBuilder();
		int start = 0;
		while (start < this.columns.size()) {
			int end = start + 1;
			int lineLength = this.columns.get(start).width();
			while (end < this.columns.size() && lineLength + SEPARATOR.length() + this.columns.get(end).width() <= MAX_LINE) {
				lineLength += SEPARATOR.length() + this.columns.get(end).width();
				end++;
			}
			if (start > 0) {
				text.append('\n');
			}
			block(text, this.columns.subList(start, end));
			start = end;
		}
		return text.toString();
	}

	private static void block(StringBuilder text, List<Column> columns) {
		for (int i = 0; i < columns.size(); i++) {
			Column column = columns.get(i);
			int left = (column.width() - column.label().length()) / 2;
			separate(text, i);
			text.repeat(' ', left).append(column.label()).repeat(' ', column.width() - left - column.label().length());
		}
		text.append('\n');
		for (int row = 0; row < columns.get(0).grid().height(); row++) {
			for (int i = 0; i < columns.size(); i++) {
				Column column = columns.get(i);
				separate(text, i);
				column.grid().appendRow(text, row);
				text.repeat(' ', column.width() - column.grid().width());
			}
			text.append('\n');
		}
	}

	private static void separate(StringBuilder text, int column) {
		if (column > 0) {
			text.append(SEPARATOR);
		}
	}

}
