package dev.fanout.jobs.life.grid;

/**
 * The fast step: 64 cells per {@code long}, neighbours counted with boolean algebra (bit-sliced adders) on whole
 * words, no allocation. Each output word needs its three rows' words and their west and east neighbours: the
 * neighbour words are the row shifted by one bit, with the bit shifted in from the adjacent word, or, at the ends of
 * a row, from the other end of the row (the torus wraps at {@code width}, not at the word boundary).
 * <p>
 * Stateless and thread-safe: bands of one generation can be computed concurrently into one shared target, because
 * each call writes only the target rows it is given, and rows never share a word.
 */
public final class BitKernel {

	private BitKernel() {
	}

	/** The next generation of the whole torus into {@code target}; returns its population. */
	public static long step(Grid source, Grid target) {
		return step(source, 0, source.height(), target, 0);
	}

	/**
	 * The next generation of torus rows [fromRow, toRow) of {@code source} into {@code target} rows
	 * {@code targetRow, targetRow + 1, ...}: the same rows of a full-size target, or a band buffer.
	 * @return the population of the rows written
	 */
	public static long step(Grid source, int fromRow, int toRow, Grid target, int targetRow) {
		checkTarget(source, fromRow, toRow, target, targetRow);
		int height = source.height();
		int wpr = source.wordsPerRow();
		long population = 0;
		for (int row = fromRow; row < toRow; row++) {
			int above = ((row == 0) ? height - 1 : row - 1) * wpr;
			int below = ((row == height - 1) ? 0 : row + 1) * wpr;
			population += row(source, above, row * wpr, below, target, (targetRow + row - fromRow) * wpr);
		}
		return population;
	}

	/**
	 * Like {@link #step(Grid, int, int, Grid, int)} but without vertical wrap: {@code source} is a strip of rows
	 * (a band with its halo), row {@code r} is computed from strip rows {@code r - 1}, {@code r}, {@code r + 1}, so
	 * {@code 1 ≤ fromRow} and {@code toRow ≤ height - 1}. Writes the same rows of {@code target}.
	 * @return the population of target rows [countFrom, countTo) ∩ [fromRow, toRow)
	 */
	static long stepOpen(Grid source, int fromRow, int toRow, Grid target, int countFrom, int countTo) {
		if (fromRow < 1 || toRow > source.height() - 1) {
			throw new IndexOutOfBoundsException("rows [%d, %d) of a %d-row strip have no neighbour rows"
				.formatted(fromRow, toRow, source.height()));
		}
		checkTarget(source, fromRow, toRow, target, fromRow);
		int wpr = source.wordsPerRow();
		long population = 0;
		for (int row = fromRow; row < toRow; row++) {
			long rowPopulation = row(source, (row - 1) * wpr, row * wpr, (row + 1) * wpr, target, row * wpr);
			if (row >= countFrom && row < countTo) {
				population += rowPopulation;
			}
		}
		return population;
	}

	/** The grid {@code generations} later (a new grid; {@code grid} is unchanged). */
	public static Grid advance(Grid grid, long generations) {
		Grid current = grid.copy();
		Grid next = new Grid(grid.width(), grid.height());
		for (long g = 0; g < generations; g++) {
			step(current, next);
			Grid swap = current;
			current = next;
			next = swap;
		}
		return current;
	}

	private static void checkTarget(Grid source, int fromRow, int toRow, Grid target, int targetRow) {
		source.checkRows(fromRow, toRow);
		if (target.width() != source.width()) {
			throw new IllegalArgumentException("source width %d and target width %d differ".formatted(source.width(),
					target.width()));
		}
		if (target == source) {
			throw new IllegalArgumentException("the target must not be the source");
		}
		target.checkRows(targetRow, targetRow + (toRow - fromRow));
	}

	/**
	 * One output row from the rows at word offsets {@code above}, {@code middle}, {@code below} of the source.
	 * Returns its population.
	 */
	private static long row(Grid sourceGrid, int above, int middle, int below, Grid targetGrid, int out) {
		long[] src = sourceGrid.words();
		long[] dst = targetGrid.words();
		int last = sourceGrid.wordsPerRow() - 1;
		int lastBit = (sourceGrid.width() - 1) & 63;
		// The west neighbour of column 0 is the row's last cell: a virtual previous word with that cell in bit 63.
		long aPrev = src[above + last] << (63 - lastBit);
		long mPrev = src[middle + last] << (63 - lastBit);
		long bPrev = src[below + last] << (63 - lastBit);
		long a = src[above];
		long m = src[middle];
		long b = src[below];
		long population = 0;
		for (int w = 0; w < last; w++) {
			long aNext = src[above + w + 1];
			long mNext = src[middle + w + 1];
			long bNext = src[below + w + 1];
			long next = rule((a << 1) | (aPrev >>> 63), a, (a >>> 1) | (aNext << 63),
					(m << 1) | (mPrev >>> 63), m, (m >>> 1) | (mNext << 63),
					(b << 1) | (bPrev >>> 63), b, (b >>> 1) | (bNext << 63));
			dst[out + w] = next;
			population += Long.bitCount(next);
			aPrev = a;
			a = aNext;
			mPrev = m;
			m = mNext;
			bPrev = b;
			b = bNext;
		}
		// The last word: the east neighbour of the last cell (bit lastBit) is column 0. Shifting west moved the last
		// cell into an unused bit, which the mask clears again.
		long next = rule((a << 1) | (aPrev >>> 63), a, (a >>> 1) | ((src[above] & 1) << lastBit),
				(m << 1) | (mPrev >>> 63), m, (m >>> 1) | ((src[middle] & 1) << lastBit),
				(b << 1) | (bPrev >>> 63), b, (b >>> 1) | ((src[below] & 1) << lastBit)) & sourceGrid.lastWordMask();
		dst[out + last] = next;
		return population + Long.bitCount(next);
	}

	/**
	 * B3/S23 on 64 cells at once. Each argument holds, per bit, one of the eight neighbours (west/centre/east of the
	 * rows above and below, west/east of the middle row), except {@code m}, the cells themselves. With counts as
	 * bit planes: the rows above and below are full adders (ones, twos), the middle row a half adder; the three ones
	 * planes add to a ones bit {@code s0} and a carry into the twos. The count is {@code s0 + 2t} where t is the number
	 * of set twos planes (0..4), and a cell lives next iff the count is 3, or 2 and it is alive: iff exactly one twos
	 * plane is set (t = 1) and (s0 or alive). A count of 8 is t = 4, correctly dead.
	 */
	private static long rule(long aW, long a, long aE, long mW, long m, long mE, long bW, long b, long bE) {
		long aX = aW ^ a;
		long aOnes = aX ^ aE;
		long aTwos = (aW & a) | (aX & aE);
		long bX = bW ^ b;
		long bOnes = bX ^ bE;
		long bTwos = (bW & b) | (bX & bE);
		long mOnes = mW ^ mE;
		long mTwos = mW & mE;
		long onesX = aOnes ^ bOnes;
		long s0 = onesX ^ mOnes;
		long carry = (aOnes & bOnes) | (onesX & mOnes);
		// Exactly one of the four twos planes: odd parity and not two or more.
		long p = aTwos ^ bTwos;
		long q = mTwos ^ carry;
		long twoOrMore = (aTwos & bTwos) | (mTwos & carry) | (p & q);
		return (p ^ q) & ~twoOrMore & (s0 | m);
	}

}
