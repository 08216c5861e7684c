package dev.fanout.jobs.life.grid;

/**
 * Chooses K, the generations a partitioned step advances between two checkpoints, when the user does not
 * ({@code checkpoint=auto}). A step has a fixed cost (~15 ms of bookkeeping per step, ~3 ms per partition) and a cost
 * per cell (reading the band, writing the band file, merging the checkpoint: ~0.5 ns a cell, 34 ms on 8192²); the
 * halo makes each band recompute (K − 1) / bandRows more rows than its own. Per run of G generations the time is
 * about {@code (G / K) × overhead + compute × (1 + (K − 1) / bandRows)}, least at
 * {@code K = √(overhead × bandRows / computePerGeneration)}, which does not depend on G. For an 8192×8192 torus on 2
 * partitions that is K ≈ 230: one step of 200 for 200 generations.
 * <p>
 * K is then capped so that one step computes at most {@value #MAX_STEP_SECONDS} s (a stop or a crash loses little),
 * so that bands of several partitions keep a halo smaller than the rest of the grid (else every partition would
 * compute the whole grid, see {@link BandStep#wholeGrid()}), and to the run's generations, and the generations are
 * shared out evenly between the steps. With one partition the band is the whole torus and has no halo: only the caps
 * apply. Last, the model compares that K with the K of one partition (as few steps as the time cap allows), and takes
 * the faster: on small grids each band would then step the whole torus, and the R-pentomino's 1024² runs in one step
 * on 2 partitions, where 5 steps with halos of most of the grid took twice as long. Bands that would all step the
 * whole torus compute the same cells, so such a step runs one band ({@code LifeSetup.bands}).
 */
public final class CheckpointPolicy {

	/** Fixed cost of a partitioned step (bookkeeping, the populations file) and of each partition, as measured here. */
	static final double STEP_NANOS = 15e6;

	static final double PARTITION_NANOS = 3e6;

	/**
	 * File cost of a step per cell of the grid: each band read with its halo and written, the band files merged into
	 * the checkpoint (measured on 8192² at 2 partitions: 4 ms read and 7 to 11 ms write in each band, 10 to 19 ms
	 * merge, 2 to 5 ms deletes).
	 */
	static final double FILE_NANOS_PER_CELL = 0.5;

	/**
	 * The {@link BitKernel} rate per thread in cells per nanosecond: {@code bench life} measured 9.2 on 1024², 4096²
	 * and 8192² on a quiet day and 4.5 to 6.7 on a noisy one. The run time changes little with K near its least, so a
	 * rate off by half costs little.
	 */
	static final double CELLS_PER_NANO = 8.0;

	static final double MAX_STEP_SECONDS = 2.0;

	private CheckpointPolicy() {
	}

	/** K for a {@code width × height} torus cut into {@code partitions} bands, advancing {@code generations}. */
	public static int generationsPerStep(int width, int height, int partitions, long generations) {
		Grid.checkSize(width, height);
		if (partitions < 1 || partitions > height) {
			throw new IllegalArgumentException("%d partitions cannot cut %d rows".formatted(partitions, height));
		}
		if (generations <= 1) {
			return 1;
		}
		double cells = (double) width * height;
		double rate = CELLS_PER_NANO * partitions;
		double longest = MAX_STEP_SECONDS * 1e9 * rate / cells;
		// As few steps as one partition takes: its band is the whole torus, with no halo; only the time cap limits K.
		int alone = balanced(clamp(Math.round(MAX_STEP_SECONDS * 1e9 * CELLS_PER_NANO / cells), generations),
				generations);
		if (partitions == 1) {
			return alone;
		}
		int bandRows = (height + partitions - 1) / partitions;
		double overhead = STEP_NANOS + PARTITION_NANOS * partitions + FILE_NANOS_PER_CELL * cells;
		double best = Math.sqrt(overhead * bandRows * rate / cells);
		long k = Math.round(Math.min(best, longest));
		int strips = balanced(clamp(Math.min(k, (height - bandRows - 1) / 2), generations), generations);
		// Or as few steps as one partition takes: on small grids each band then steps the whole torus, which beats
		// many steps with a halo that is most of the grid anyway; on others it is a longer step, whose extra halo may
		// cost less than the steps it saves.
		return (nanos(alone, generations, overhead, width, height, bandRows) < nanos(strips, generations, overhead,
				width, height, bandRows)) ? alone : strips;
	}

	/** The model's time for a run: each step's fixed cost, and a band's rows with their halo each generation. */
	private static double nanos(int k, long generations, double overhead, int width, int height, int bandRows) {
		long steps = (generations + k - 1) / k;
		return steps * overhead + generations * (double) width * Math.min(height, bandRows + k) / CELLS_PER_NANO;
	}

	/**
	 * The same number of steps with their generations shared out evenly: 200 generations at K = 160 would be steps
	 * of 160 and 40, each paying the fixed cost; two steps of 100 pay it as often, with less halo.
	 */
	private static int balanced(int k, long generations) {
		long steps = (generations + k - 1) / k;
		return (int) ((generations + steps - 1) / steps);
	}

	private static int clamp(long k, long generations) {
		return (int) Math.max(1, Math.min(Math.min(generations, Integer.MAX_VALUE), k));
	}

}
