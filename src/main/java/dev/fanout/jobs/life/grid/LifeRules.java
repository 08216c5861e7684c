package dev.fanout.jobs.life.grid;

/**
 * The rules of Conway's Life (B3/S23) written the obvious way, one byte per cell: the oracle the fast
 * {@link BitKernel} is tested against, the plain Java loop it is benchmarked against, and the per-cell rule for jobs
 * that evaluate every cell as its own task ({@code cellLatency}).
 * <p>
 * Neighbours are the book's eight lookups with wrap-around, counted with multiplicity: on a torus one or two cells
 * high or wide, the same cell can be several neighbours (even the cell itself). {@link BitKernel} counts the same way.
 */
public final class LifeRules {

	private LifeRules() {
	}

	/** The book's {@code game_logic}: a live cell survives with 2 or 3 neighbours, a dead one is born with 3. */
	public static boolean nextState(boolean alive, int neighbours) {
		return (neighbours == 3) || (alive && neighbours == 2);
	}

	/** The book's {@code count_neighbors} on a grid: the eight surrounding cells, wrapping around. */
	public static int countNeighbours(Grid grid, int row, int col) {
		int count = 0;
		for (int dr = -1; dr <= 1; dr++) {
			for (int dc = -1; dc <= 1; dc++) {
				if ((dr != 0 || dc != 0) && grid.get(row + dr, col + dc)) {
					count++;
				}
			}
		}
		return count;
	}

	/**
	 * The book's {@code step_cell} without the set: the next state of one cell, read from the current generation. A
	 * job evaluating cells as separate tasks writes the results into an empty next grid with
	 * {@link Grid#setAliveConcurrently}.
	 */
	public static boolean nextCell(Grid grid, int row, int col) {
		return nextState(grid.get(row, col), countNeighbours(grid, row, col));
	}

	/** One cell per byte (1 alive, 0 dead), row-major. */
	public static byte[] toBytes(Grid grid) {
		if (grid.cells() > Integer.MAX_VALUE - 8) {
			throw new IllegalArgumentException("a %d×%d grid is too large for one byte per cell".formatted(grid.width(),
					grid.height()));
		}
		byte[] cells = new byte[(int) grid.cells()];
		for (int row = 0; row < grid.height(); row++) {
			for (int col = grid.nextAlive(row, 0); col < grid.width(); col = grid.nextAlive(row, col + 1)) {
				cells[row * grid.width() + col] = 1;
			}
		}
		return cells;
	}

	public static Grid toGrid(byte[] cells, int width, int height) {
		Grid grid = new Grid(width, height);
		if (cells.length != grid.cells()) {
			throw new IllegalArgumentException("%d bytes are not a %d×%d grid".formatted(cells.length, width, height));
		}
		for (int i = 0; i < cells.length; i++) {
			if (cells[i] != 0) {
				grid.set(i / width, i % width, true);
			}
		}
		return grid;
	}

	/** The next generation of {@code cells} into {@code next} (a different array of the same size). */
	public static void step(byte[] cells, byte[] next, int width, int height) {
		for (int row = 0; row < height; row++) {
			// Wrap-around by choosing the neighbour rows and columns once, not by a modulo per lookup.
			int up = ((row == 0) ? height - 1 : row - 1) * width;
			int middle = row * width;
			int down = ((row == height - 1) ? 0 : row + 1) * width;
			for (int col = 0; col < width; col++) {
				int left = (col == 0) ? width - 1 : col - 1;
				int right = (col == width - 1) ? 0 : col + 1;
				int neighbours = cells[up + left] + cells[up + col] + cells[up + right]
						+ cells[middle + left] + cells[middle + right]
						+ cells[down + left] + cells[down + col] + cells[down + right];
				next[middle + col] = nextState(cells[middle + col] != 0, neighbours) ? (byte) 1 : 0;
			}
		}
	}

	/**
	 * Advances {@code cells} in place by {@code generations}, the plain single-threaded loop.
	 * @return the cell updates done ({@code width × height × generations}), for rates
	 */
	public static long advance(byte[] cells, int width, int height, int generations) {
		byte[] current = cells;
		byte[] next = new byte[cells.length];
		for (int g = 0; g < generations; g++) {
			step(current, next, width, height);
			byte[] swap = current;
			current = next;
			next = swap;
		}
		if (current != cells) {
			System.arraycopy(current, 0, cells, 0, cells.length);
		}
		return (long) width * height * generations;
	}

	/** The grid {@code generations} later, computed one byte per cell (slow: for tests and small grids). */
	public static Grid advance(Grid grid, int generations) {
		byte[] cells = toBytes(grid);
		advance(cells, grid.width(), grid.height(), generations);
		return toGrid(cells, grid.width(), grid.height());
	}

}
