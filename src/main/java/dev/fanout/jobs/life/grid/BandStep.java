package dev.fanout.jobs.life.grid;

/**
 * One band advanced {@code generations} (K) generations alone, so a partition can do K generations between two
 * checkpoints without talking to the other partitions.
 * <p>
 * <b>Halo.</b> Cell (r, c) at generation g + K depends only on rows r − K .. r + K at generation g. So the worker
 * reads its band with K halo rows on each side ({@link #firstRow()}, {@link #rowCount()}: rows
 * {@code from − K .. to + K − 1}, wrapping around the torus) and steps that strip without vertical wrap: after i
 * generations, strip rows [i, n − i) are exact (n = band rows + 2K) and the rows outside are stale, so each generation
 * computes one row fewer at each end. The band's own rows are strip rows [K, K + band rows), inside [i, n − i) for
 * every i ≤ K: they are exact at every intermediate generation, which is why the band's population can be reported
 * for each generation as it goes.
 * <p>
 * <b>Whole grid.</b> When band + 2K rows would reach around the torus (≥ height), the halo holds every row anyway:
 * the worker reads the whole grid ({@link #wholeGrid()}) and steps the torus K times instead. When that holds for every
 * band of a step, the job runs that step as one band: the others would compute the same cells again.
 * <p>
 * <b>Cost.</b> The halo adds K(K − 1) row updates to the band's K × rows, a redundant share of (K − 1) / rows: choose
 * K well below the band's height (K ≤ rows / 10 keeps it ≤ 10%), yet large enough that a step's fixed cost (a few
 * milliseconds) is small against K generations of compute.
 * <p>
 * <b>Memory.</b> While it advances, a band holds its input rows and a buffer as large to step them into, then its own
 * rows of the result: with the halo reaching around the torus, two whole grids per band. The bands of a step all run at
 * once, so a step holds the sum ({@link #heapBytes(int, int, int, int)}), which grows with K and the partitions.
 */
public record BandStep(Band band, int height, int generations) {

	public BandStep {
		if (generations < 0) {
			throw new IllegalArgumentException("cannot advance a band %d generations".formatted(generations));
		}
		if (band.to() > height) {
			throw new IllegalArgumentException("band %s is outside a grid of %d rows".formatted(band, height));
		}
	}

	/** Whether the worker needs the whole grid (the halo would cover it). */
	public boolean wholeGrid() {
		return band.rows() + 2L * this.generations >= this.height;
	}

	/** The first row (of generation g) the worker reads, in [0, height); the rows wrap around from there. */
	public int firstRow() {
		return wholeGrid() ? 0 : Math.floorMod(this.band.from() - this.generations, this.height);
	}

	/** How many rows the worker reads: the band and its halo, or the whole height. */
	public int rowCount() {
		return wholeGrid() ? this.height : this.band.rows() + 2 * this.generations;
	}

	/** Bytes this band holds at once while it advances, for a grid {@code width} cells wide. */
	public long heapBytes(int width) {
		return 2 * Grid.estimateBytes(width, rowCount()) + Grid.estimateBytes(width, this.band.rows());
	}

	/**
	 * Bytes the bands of one step hold at once: a {@code width × height} torus cut into {@code bands} bands
	 * ({@link Band#split}), all advancing {@code generations} at the same time.
	 */
	public static long heapBytes(int width, int height, int bands, int generations) {
		long bytes = 0;
		for (Band band : Band.split(height, bands)) {
			bytes += new BandStep(band, height, generations).heapBytes(width);
		}
		return bytes;
	}

	/**
	 * Whether every band of a {@code height}-row torus cut into {@code bands} ({@link Band#split}) would step the
	 * whole grid to advance {@code generations}: the bands would then all compute the same cells.
	 */
	public static boolean everyBandWhole(int height, int bands, int generations) {
		return Band.split(height, bands).stream()
			.allMatch((band) -> new BandStep(band, height, generations).wholeGrid());
	}

	/**
	 * The most generations per step, up to {@code most}, whose bands fit in {@code budgetBytes}
	 * ({@link #heapBytes(int, int, int, int)}, which grows with them); 0 when not even one generation's do.
	 */
	public static int mostGenerationsWithin(int width, int height, int bands, int most, long budgetBytes) {
		int fits = 0;
		int low = 1;
		int high = most;
		while (low <= high) {
			int k = low + (high - low) / 2;
			if (heapBytes(width, height, bands, k) <= budgetBytes) {
				fits = k;
				low = k + 1;
			}
			else {
				high = k - 1;
			}
		}
		return fits;
	}

	/** The input rows taken from a full grid in memory. */
	public Grid inputFrom(Grid grid) {
		if (grid.height() != this.height) {
			throw new IllegalArgumentException("a %d-row band step cannot read a grid of %d rows".formatted(this.height,
					grid.height()));
		}
		return grid.copyRows(firstRow(), rowCount());
	}

	/**
	 * Advances the band. {@code input} holds {@link #rowCount()} rows starting at {@link #firstRow()} (see
	 * {@link #inputFrom}, or {@code GridFile.readRows} of the {@code format} package); it is used as a work buffer and overwritten.
	 */
	public BandResult advance(Grid input, BandProgress progress) {
		if (input.height() != rowCount()) {
			throw new IllegalArgumentException("band %s with %d generations needs %d input rows, not %d"
				.formatted(this.band, this.generations, rowCount(), input.height()));
		}
		return wholeGrid() ? advanceWhole(input, progress) : advanceStrip(input, progress);
	}

	private BandResult advanceStrip(Grid strip, BandProgress progress) {
		int n = strip.height();
		int bandFrom = this.generations;
		int bandTo = bandFrom + this.band.rows();
		long[] populations = new long[this.generations];
		Grid current = strip;
		Grid next = new Grid(strip.width(), n);
		for (int i = 1; i <= this.generations; i++) {
			// Only [i, n - i) can be known after i generations; the band lies within.
			populations[i - 1] = BitKernel.stepOpen(current, i, n - i, next, bandFrom, bandTo);
			Grid swap = current;
			current = next;
			next = swap;
			progress.generationDone(i, populations[i - 1]);
		}
		return new BandResult(this.band, current.copyRows(bandFrom, this.band.rows()), populations);
	}

	private BandResult advanceWhole(Grid grid, BandProgress progress) {
		long[] populations = new long[this.generations];
		Grid current = grid;
		Grid next = new Grid(grid.width(), grid.height());
		for (int i = 1; i <= this.generations; i++) {
			// Three calls instead of one, so the kernel counts the band's population as it goes (no second pass).
			BitKernel.step(current, 0, this.band.from(), next, 0);
			populations[i - 1] = BitKernel.step(current, this.band.from(), this.band.to(), next, this.band.from());
			BitKernel.step(current, this.band.to(), this.height, next, this.band.to());
			Grid swap = current;
			current = next;
			next = swap;
			progress.generationDone(i, populations[i - 1]);
		}
		return new BandResult(this.band, current.copyRows(this.band.from(), this.band.rows()), populations);
	}

}
