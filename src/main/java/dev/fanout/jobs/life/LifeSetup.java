package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.NoSuchFileException;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Pattern;

/**
 * The start of a run: the pattern read, the grid's size decided (the pattern's unless width= and height= are given)
 * and checked against the largest side and the heap, and how many generations each partitioned step advances.
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
		return new LifeSetup(pattern, width, height, generationsPerStep(parameters, width, height));
	}

	/**
	 * K, the generations a partitioned step advances: 1 with {@code cellLatency} (every generation is its own step),
	 * the {@code checkpoint} parameter when given, else {@link CheckpointPolicy}'s choice.
	 */
	static int generationsPerStep(LifeParameters parameters, int width, int height) {
		if (!parameters.cellLatency().isZero()) {
			return 1;
		}
		if (parameters.checkpoint() > 0) {
			return parameters.checkpoint();
		}
		return CheckpointPolicy.generationsPerStep(width, height, partitions(parameters, height),
				parameters.generations());
	}

	/** The bands a grid is cut into: as many as asked for, but no more than it has rows. */
	static int partitions(LifeParameters parameters, int height) {
		return Math.min(parameters.partitions(), height);
	}

}
