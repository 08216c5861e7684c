package dev.fanout.jobs.life.grid;

/**
 * Where a pattern goes in the grid: its top-left cell at column {@code x}, row {@code y}, or centred. Positions wrap
 * around the torus, so a pattern placed near an edge continues on the other side.
 */
public sealed interface Placement {

	Placement TOP_LEFT = new At(0, 0);

	Placement CENTER = new Center();

	static Placement at(int x, int y) {
		return new At(x, y);
	}

	/** The top-left corner of a {@code patternWidth × patternHeight} pattern in a {@code width × height} grid. */
	int x(int patternWidth, int width);

	int y(int patternHeight, int height);

	/** Column x, row y. */
	record At(int x, int y) implements Placement {

		@Override
		public int x(int patternWidth, int width) {
			return this.x;
		}

		@Override
		public int y(int patternHeight, int height) {
			return this.y;
		}

	}

	/** Centred, rounding up and left: a 3×3 pattern in a 1024×1024 grid starts at (510, 510). */
	record Center() implements Placement {

		@Override
		public int x(int patternWidth, int width) {
			return (width - patternWidth) / 2;
		}

		@Override
		public int y(int patternHeight, int height) {
			return (height - patternHeight) / 2;
		}

	}

	/**
	 * A new {@code width × height} torus with the pattern placed. Refuses a pattern larger than the grid (it would
	 * overlap itself), naming both sizes. Check memory ({@link Grid#requireHeapMemory}) before calling.
	 */
	static Grid place(Pattern pattern, int width, int height, Placement placement) {
		Grid.checkSize(width, height);
		if (pattern.width() > width || pattern.height() > height) {
			throw new IllegalArgumentException(("the pattern is %d×%d cells (width × height) but the grid is only %d×%d;"
					+ " give width ≥ %d and height ≥ %d, or a smaller pattern").formatted(pattern.width(),
							pattern.height(), width, height, pattern.width(), pattern.height()));
		}
		Grid grid = new Grid(width, height);
		Grid cells = pattern.cells();
		// In long arithmetic: a position near the int range plus the pattern's size must still wrap, not overflow.
		long x = Math.floorMod(placement.x(pattern.width(), width), width);
		long y = Math.floorMod(placement.y(pattern.height(), height), height);
		for (int row = 0; row < cells.height(); row++) {
			for (int col = cells.nextAlive(row, 0); col < cells.width(); col = cells.nextAlive(row, col + 1)) {
				grid.set((int) ((y + row) % height), (int) ((x + col) % width), true);
			}
		}
		return grid;
	}

}
