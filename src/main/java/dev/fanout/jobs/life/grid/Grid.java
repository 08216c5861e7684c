package dev.fanout.jobs.life.grid;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;

import dev.fanout.core.Units;

/**
 * A torus of {@code width × height} cells packed 64 to a {@code long}: row-major, {@link #wordsPerRow()} words per
 * row, cell {@code (row, col)} is bit {@code col & 63} of word {@code row * wordsPerRow + (col >>> 6)}. The unused high
 * bits of a row's last word are always 0, so {@link #equals}, {@link #population()} and the kernel can work on whole
 * words. Coordinates outside the grid wrap (the book's {@code y % height}, {@code x % width}).
 * <p>
 * Not thread-safe, except {@link #setAliveConcurrently}; concurrent bands may write disjoint rows (rows never share
 * a word).
 */
public final class Grid {

	/** Grids in memory at once during a run: the current generation, the next one, and a spare (a band, a copy). */
	public static final int GRIDS_IN_MEMORY = 3;

	/** The most words one Java array holds on common JVMs. */
	static final long MAX_WORDS = Integer.MAX_VALUE - 8;

	private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

	private final int width;

	private final int height;

	private final int wordsPerRow;

	/** Bits of the last word of each row that hold cells (all ones when width is a multiple of 64). */
	private final long lastWordMask;

	private final long[] words;

	/** An empty (all dead) grid. */
	public Grid(int width, int height) {
		this(width, height, new long[checkSize(width, height)]);
	}

	private Grid(int width, int height, long[] words) {
		this.width = width;
		this.height = height;
		this.wordsPerRow = wordsPerRow(width);
		this.lastWordMask = lastWordMask(width);
		this.words = words;
	}

	/** A grid over the given packed rows (taken, not copied); refuses a wrong length or set unused bits. */
	public static Grid ofWords(int width, int height, long[] words) {
		int length = checkSize(width, height);
		if (words.length != length) {
			throw new IllegalArgumentException("a %d×%d grid has %d words, not %d".formatted(width, height, length,
					words.length));
		}
		Grid grid = new Grid(width, height, words);
		for (int row = 0; row < height; row++) {
			if ((words[row * grid.wordsPerRow + grid.wordsPerRow - 1] & ~grid.lastWordMask) != 0) {
				throw new IllegalArgumentException("row %d has cells beyond the width %d".formatted(row, width));
			}
		}
		return grid;
	}

	/** Validates the size and returns the number of words; the message names the limit. */
	public static int checkSize(int width, int height) {
		if (width < 1 || height < 1) {
			throw new IllegalArgumentException("a grid needs a positive width and height, not %d×%d (width × height)"
				.formatted(width, height));
		}
		long words = (long) wordsPerRow(width) * height;
		if (words > MAX_WORDS) {
			throw new IllegalArgumentException(("a %d×%d grid needs %d words of 64 cells (%d per row), more than the "
					+ "%d one grid can hold").formatted(width, height, words, wordsPerRow(width), MAX_WORDS));
		}
		return (int) words;
	}

	public static int wordsPerRow(int width) {
		return (int) ((width + 63L) >>> 6);
	}

	public static long lastWordMask(int width) {
		int bits = width & 63;
		return (bits == 0) ? -1L : (1L << bits) - 1;
	}

	/** Bytes one grid of this size takes on the heap: its words plus array and object headers. */
	public static long estimateBytes(int width, int height) {
		checkSize(width, height);
		return 8L * wordsPerRow(width) * height + 16 + 32;
	}

	/**
	 * Refuses a grid whose {@link #GRIDS_IN_MEMORY} copies would exceed the budget, before anything is allocated.
	 * @param limit how the budget is described in the message, e.g. "half of the maximum heap (-Xmx) of 4.0 GiB"
	 */
	public static void requireMemory(int width, int height, long budgetBytes, String limit) {
		long one = estimateBytes(width, height);
		long needed = one * GRIDS_IN_MEMORY;
		if (needed > budgetBytes) {
			throw new IllegalArgumentException(("a %d×%d grid needs about %s (%d grids of %s: current, next and a spare),"
					+ " more than the limit of %s (%s); use a smaller width and height, or give the JVM more memory "
					+ "with -Xmx").formatted(width, height, Units.bytes(needed), GRIDS_IN_MEMORY, Units.bytes(one),
							Units.bytes(budgetBytes), limit));
		}
	}

	/** {@link #requireMemory} against {@link #heapBudget()}. */
	public static void requireHeapMemory(int width, int height) {
		requireMemory(width, height, heapBudget(), "half of the maximum heap (-Xmx) of "
				+ Units.bytes(Runtime.getRuntime().maxMemory()));
	}

	/** Half of the maximum heap: the rest is for the framework, buffers and images. */
	public static long heapBudget() {
		return Runtime.getRuntime().maxMemory() / 2;
	}

	public int width() {
		return this.width;
	}

	public int height() {
		return this.height;
	}

	public int wordsPerRow() {
		return this.wordsPerRow;
	}

	public long cells() {
		return (long) this.width * this.height;
	}

	/** The packed words themselves, for the kernel, the grid files and the pictures (not a copy: do not change them). */
	public long[] words() {
		return this.words;
	}

	public long lastWordMask() {
		return this.lastWordMask;
	}

	/** Whether the cell is alive; row and column wrap around. */
	public boolean get(int row, int col) {
		int r = Math.floorMod(row, this.height);
		int c = Math.floorMod(col, this.width);
		return (this.words[r * this.wordsPerRow + (c >>> 6)] & (1L << c)) != 0;
	}

	/** Sets the cell alive or dead; row and column wrap around. */
	public void set(int row, int col, boolean alive) {
		int r = Math.floorMod(row, this.height);
		int c = Math.floorMod(col, this.width);
		int index = r * this.wordsPerRow + (c >>> 6);
		if (alive) {
			this.words[index] |= 1L << c;
		}
		else {
			this.words[index] &= ~(1L << c);
		}
	}

	/**
	 * Sets a cell alive with an atomic OR of its word, so many threads (one task per cell, e.g. with a per-cell
	 * latency) can fill one empty next-generation grid without losing each other's bits. Whoever reads the grid must
	 * wait for all writers (join the tasks), which also makes their writes visible.
	 */
	public void setAliveConcurrently(int row, int col) {
		int r = Math.floorMod(row, this.height);
		int c = Math.floorMod(col, this.width);
		WORDS.getAndBitwiseOr(this.words, r * this.wordsPerRow + (c >>> 6), 1L << c);
	}

	/** Live cells in the whole grid. */
	public long population() {
		return population(0, this.height);
	}

	/** Live cells in rows [fromRow, toRow), without wrapping. */
	public long population(int fromRow, int toRow) {
		checkRows(fromRow, toRow);
		long count = 0;
		for (int i = fromRow * this.wordsPerRow, end = toRow * this.wordsPerRow; i < end; i++) {
			count += Long.bitCount(this.words[i]);
		}
		return count;
	}

	/** The first live column ≥ {@code fromCol} in the row (no wrapping), or {@link #width()} if there is none. */
	public int nextAlive(int row, int fromCol) {
		return next(row, fromCol, 0L);
	}

	/** The first dead column ≥ {@code fromCol} in the row (no wrapping), or {@link #width()} if there is none. */
	public int nextDead(int row, int fromCol) {
		return next(row, fromCol, -1L);
	}

	private int next(int row, int fromCol, long flip) {
		if (fromCol >= this.width) {
			return this.width;
		}
		int base = row * this.wordsPerRow;
		int index = fromCol >>> 6;
		long word = (this.words[base + index] ^ flip) & (-1L << fromCol);
		while (word == 0) {
			if (++index == this.wordsPerRow) {
				return this.width;
			}
			word = this.words[base + index] ^ flip;
		}
		// For the dead search the flipped unused bits look like dead cells: clamp them to the width.
		return Math.min(this.width, (index << 6) + Long.numberOfTrailingZeros(word));
	}

	public Grid copy() {
		return new Grid(this.width, this.height, this.words.clone());
	}

	/**
	 * A new grid of {@code count} rows: rows {@code firstRow, firstRow + 1, ...} of this torus, wrapping around (a
	 * band with its halo). {@code count} may exceed the height (rows then repeat).
	 */
	public Grid copyRows(int firstRow, int count) {
		Grid rows = new Grid(this.width, count);
		int start = Math.floorMod(firstRow, this.height);
		for (int i = 0; i < count;) {
			int row = (start + i) % this.height;
			int run = Math.min(count - i, this.height - row);
			System.arraycopy(this.words, row * this.wordsPerRow, rows.words, i * this.wordsPerRow,
					run * this.wordsPerRow);
			i += run;
		}
		return rows;
	}

	/**
	 * A new grid of the cells in columns {@code col .. col + width - 1} and rows {@code row .. row + height - 1} of this
	 * one (not wrapping around). Visits the live cells only.
	 */
	public Grid copyWindow(int col, int row, int width, int height) {
		if (col < 0 || row < 0 || col + width > this.width || row + height > this.height) {
			throw new IndexOutOfBoundsException("a %d×%d window at column %d, row %d is not inside a %d×%d grid"
				.formatted(width, height, col, row, this.width, this.height));
		}
		Grid window = new Grid(width, height);
		for (int r = 0; r < height; r++) {
			for (int c = nextAlive(row + r, col); c < col + width; c = nextAlive(row + r, c + 1)) {
				window.set(r, c - col, true);
			}
		}
		return window;
	}

	/** Writes the rows of {@code rows} (same width) into this grid from {@code firstRow} on, wrapping around. */
	public void pasteRows(int firstRow, Grid rows) {
		if (rows.width != this.width || rows.height > this.height) {
			throw new IllegalArgumentException("cannot paste %d×%d rows into a %d×%d grid".formatted(rows.width,
					rows.height, this.width, this.height));
		}
		int start = Math.floorMod(firstRow, this.height);
		for (int i = 0; i < rows.height;) {
			int row = (start + i) % this.height;
			int run = Math.min(rows.height - i, this.height - row);
			System.arraycopy(rows.words, i * this.wordsPerRow, this.words, row * this.wordsPerRow,
					run * this.wordsPerRow);
			i += run;
		}
	}

	void checkRows(int fromRow, int toRow) {
		if (fromRow < 0 || toRow > this.height || fromRow > toRow) {
			throw new IndexOutOfBoundsException("rows [%d, %d) are not within [0, %d)".formatted(fromRow, toRow,
					this.height));
		}
	}

	/** The book's {@code __str__}: a line of {@code *} (alive) and {@code -} (dead) per row, each ending in \n. */
	public String toText() {
		StringBuilder text = new StringBuilder((int) Math.min(Integer.MAX_VALUE - 8, (this.width + 1L) * this.height));
		for (int row = 0; row < this.height; row++) {
			appendRow(text, row);
			text.append('\n');
		}
		return text.toString();
	}

	public void appendRow(StringBuilder text, int row) {
		for (int col = 0; col < this.width; col++) {
			text.append(get(row, col) ? '*' : '-');
		}
	}

	@Override
	public boolean equals(Object other) {
		return (other instanceof Grid grid) && grid.width == this.width && grid.height == this.height
				&& Arrays.equals(grid.words, this.words);
	}

	@Override
	public int hashCode() {
		return 31 * (31 * this.width + this.height) + Arrays.hashCode(this.words);
	}

	@Override
	public String toString() {
		return (this.width <= 64 && this.height <= 64) ? "Grid %d×%d:%n%s".formatted(this.width, this.height, toText())
				: "Grid %d×%d, population %d".formatted(this.width, this.height, population());
	}

}
