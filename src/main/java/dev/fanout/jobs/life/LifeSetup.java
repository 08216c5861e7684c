package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

import dev.fanout.core.Units;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Pattern;

/**
 * The start of a run: the pattern read, the grid's size decided (the pattern's unless width= and height= are given)
 * and checked against the largest side, and how many generations each partitioned step advances, checked against the
 * heap with the bands that hold them.
 */
record LifeSetup(Pattern pattern, int width, int height, int generationsPerStep) {

	static LifeSetup of(LifeParameters parameters) {
		Pattern pattern;
		try {
			pattern = PatternReader.read(parameters.pattern());
		}
		catch (NoSuchFileException ex) {
			throw new IllegalArgumentException(("pattern=%s: no such file (a relative path is resolved in the data "
					+ "directory)").formatted(parameters.pattern()));
		}
		catch (IOException ex) {
			throw new IllegalArgumentException("cannot read pattern %s: %s".formatted(parameters.pattern(), ex.getMessage()));
		}
		int width = (parameters.width() > 0) ? parameters.width() : pattern.width();
		int height = (parameters.height() > 0) ? parameters.height() : pattern.height();
		if (width > LifeParameters.MAX_SIDE || height > LifeParameters.MAX_SIDE) {
			// Only a size taken from the pattern can be: width= and height= are checked against it.
			throw new IllegalArgumentException(("the pattern is %d×%d cells (width × height), and the grid takes its "
					+ "size, but a grid's side is at most %d cells; use a pattern at most %d cells wide and high")
				.formatted(pattern.width(), pattern.height(), LifeParameters.MAX_SIDE, LifeParameters.MAX_SIDE));
		}
		Grid.requireHeapMemory(width, height);
		if (pattern.width() > width || pattern.height() > height) {
			throw new IllegalArgumentException(("the pattern is %d×%d cells (width × height) but the grid is only %d×%d;"
					+ " give width ≥ %d and height ≥ %d, or a smaller pattern").formatted(pattern.width(),
							pattern.height(), width, height, pattern.width(), pattern.height()));
		}
		int generationsPerStep = generationsPerStep(parameters, width, height);
		requireBandMemory(parameters, width, height, generationsPerStep, Grid.heapBudget(), heapLimit());
		return new LifeSetup(pattern, width, height, generationsPerStep);
	}

	/** {@link #generationsPerStep(LifeParameters, int, int, long)} within {@link Grid#heapBudget()}. */
	static int generationsPerStep(LifeParameters parameters, int width, int height) {
		return generationsPerStep(parameters, width, height, Grid.heapBudget());
	}

	/**
	 * K, the generations a partitioned step advances: 1 with {@code cellLatency} (every generation is its own step),
	 * the {@code checkpoint} parameter when given, else {@link CheckpointPolicy}'s choice, lowered until the bands of
	 * a step fit in {@code budgetBytes} ({@link BandStep#heapBytes(int, int, int, int)}: each band's halo grows with
	 * K) if a lower K does. A K whose halos would make every band the whole torus runs one band ({@link #bands}), and
	 * is kept if that band fits.
	 */
	static int generationsPerStep(LifeParameters parameters, int width, int height, long budgetBytes) {
		if (!parameters.cellLatency().isZero()) {
			return 1;
		}
		if (parameters.checkpoint() > 0) {
			return parameters.checkpoint();
		}
		int asked = partitions(parameters, height);
		int chosen = CheckpointPolicy.generationsPerStep(width, height, asked, parameters.generations());
		if (bands(parameters, height, chosen) == 1 && BandStep.heapBytes(width, height, 1, chosen) <= budgetBytes) {
			return chosen; // one band, the whole torus: the halo costs no memory
		}
		return Math.max(1, BandStep.mostGenerationsWithin(width, height, asked, chosen, budgetBytes));
	}

	/**
	 * Refuses a run whose partitioned steps would not fit in {@code budgetBytes}: their bands all run at once, each
	 * holding its rows and halo rows (the whole grid when the halo reaches around the torus) twice while it advances,
	 * so what they hold grows with the partitions and the generations per step. The message names what to lower.
	 * @param limit how the budget is described, e.g. "half of the maximum heap (-Xmx) of 4.0 GiB"
	 */
	static void requireBandMemory(LifeParameters parameters, int width, int height, int generationsPerStep,
			long budgetBytes, String limit) {
		int bands = bands(parameters, height, generationsPerStep);
		long needed = BandStep.heapBytes(width, height, bands, generationsPerStep);
		if (needed <= budgetBytes) {
			return;
		}
		String more = "more than the limit of %s (%s)".formatted(Units.bytes(budgetBytes), limit);
		int bandsAtOne = bands(parameters, height, 1);
		if (generationsPerStep > 1 && BandStep.heapBytes(width, height, bandsAtOne, 1) <= budgetBytes) {
			throw new IllegalArgumentException(("partitions=%d with checkpoint=%d needs about %s for a %d×%d grid: its %d"
					+ " bands run at once, each holding its rows with %d halo rows on each side (at most the whole grid)"
					+ " twice while it advances, %s; lower checkpoint (fewer halo rows) or partitions, or give the JVM"
					+ " more memory with -Xmx").formatted(parameters.partitions(), generationsPerStep,
							Units.bytes(needed), width, height, bands, generationsPerStep, more));
		}
		throw new IllegalArgumentException(("partitions=%d needs about %s for a %d×%d grid even at one generation per"
				+ " step: its %d bands run at once, each holding its rows with a halo row on each side twice while it"
				+ " advances, %s; lower partitions, use a smaller width and height, or give the JVM more memory with -Xmx")
			.formatted(parameters.partitions(), Units.bytes(BandStep.heapBytes(width, height, bandsAtOne, 1)), width,
					height, bandsAtOne, more));
	}

	/** How {@link Grid#heapBudget()} is described in messages. */
	static String heapLimit() {
		return "half of the maximum heap (-Xmx) of " + Units.bytes(Runtime.getRuntime().maxMemory());
	}

	/** The bands asked for: {@code partitions}, but no more than the grid has rows. */
	static int partitions(LifeParameters parameters, int height) {
		return Math.min(parameters.partitions(), height);
	}

	/**
	 * The bands a step of {@code generationsPerStep} generations is cut into: those asked for ({@link #partitions}),
	 * or one when the halo of every one of them would reach around the torus. Each band would then step the whole grid
	 * and keep its own rows: the same cells computed once per band, on threads that compete for the cores, for a
	 * result one band computes alone (the 1024² R-pentomino's single step: 0.20 s per band on 2 bands, 0.15 s on one,
	 * in a new process). Not with {@code cellLatency}, where a band's cells are the blocking calls run concurrently.
	 */
	static int bands(LifeParameters parameters, int height, int generationsPerStep) {
		int asked = partitions(parameters, height);
		if (asked == 1 || !parameters.cellLatency().isZero()) {
			return asked;
		}
		return BandStep.everyBandWhole(height, asked, generationsPerStep) ? 1 : asked;
	}

}
