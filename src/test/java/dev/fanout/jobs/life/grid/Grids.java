package dev.fanout.jobs.life.grid;

import java.util.Random;

/** Grids for tests: from the book's text rows, and random ones. */
public final class Grids {

	private Grids() {
	}

	/** A grid of {@code height} rows whose first rows are given in the book's {@code *}/{@code -} text. */
	public static Grid of(int height, String... rows) {
		Grid grid = new Grid(rows[0].length(), height);
		for (int row = 0; row < rows.length; row++) {
			if (rows[row].length() != grid.width()) {
				throw new IllegalArgumentException("row " + row + " has another width");
			}
			for (int col = 0; col < rows[row].length(); col++) {
				grid.set(row, col, rows[row].charAt(col) == '*');
			}
		}
		return grid;
	}

	public static Grid of(String... rows) {
		return of(rows.length, rows);
	}

	/** The first rows of a grid as text, to compare with the book's tables. */
	public static String[] firstRows(Grid grid, int count) {
		String[] rows = new String[count];
		String[] lines = grid.toText().split("\n");
		System.arraycopy(lines, 0, rows, 0, count);
		return rows;
	}

	public static Grid random(int width, int height, double density, Random random) {
		Grid grid = new Grid(width, height);
		for (int row = 0; row < height; row++) {
			for (int col = 0; col < width; col++) {
				if (random.nextDouble() < density) {
					grid.set(row, col, true);
				}
			}
		}
		return grid;
	}

	/** The book's 5×9 glider, as in data/life/glider.txt. */
	public static Grid bookGlider() {
		return of("---*-----", "----*----", "--***----", "---------", "---------");
	}

}
