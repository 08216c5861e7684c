package dev.fanout.jobs.life;

import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.ProgressMeasure;

/** The {@code life} job's parameters, as {@code jobs} lists them. */
class LifeJobDescription implements JobDescription {

	private final int processors;

	LifeJobDescription(int processors) {
		this.processors = processors;
	}

	@Override
	public String jobName() {
		return "life";
	}

	@Override
	public String summary() {
		return "Conway's Game of Life on a torus, every generation a partitioned step over row bands (the book's item 56)";
	}

	/**
	 * Generations computed out of those asked for: each run of the looped partitioned step plans from a generation,
	 * for a number of generations, in its context; they are done once it completes.
	 */
	@Override
	public ProgressMeasure progress() {
		return ProgressMeasure.spans("generations", LifeJobConfiguration.GENERATIONS, LifePartitioner.GENERATION,
				LifePartitioner.STEPS, (attempts) -> LifeParameters.generations(attempts.parameters()));
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("pattern", LifeParameters.DEFAULT_PATTERN,
						"RLE (.rle, or x = .. header), LifeWiki plaintext (.cells: O alive, . dead) or plain text "
								+ "(* alive, - dead), relative to the data directory"),
				new JobParameterDescription("width", null, "grid width (default: the pattern's)"),
				new JobParameterDescription("height", null, "grid height (default: the pattern's)"),
				new JobParameterDescription("x", null, "column of the pattern's top-left cell (default 0)"),
				new JobParameterDescription("y", null, "row of the pattern's top-left cell (default 0)"),
				new JobParameterDescription("placement", null, "center: centre the pattern instead of x=/y=")
					.withChoices("center"),
				new JobParameterDescription("generations", "4", "generations to compute"),
				new JobParameterDescription("partitions", Integer.toString(this.processors),
						"row bands computed concurrently, 1-256"),
				new JobParameterDescription("checkpoint", "auto",
						"generations per partitioned step between checkpoints (auto: as many as keep overhead small)"),
				new JobParameterDescription("cellLatency", "0",
						"simulated blocking I/O per cell evaluation, e.g. 100ms (checkpoint is then 1)"),
				new JobParameterDescription("executor", "platform",
						"for cellLatency: platform (cellThreads threads per band) or virtual (a thread per cell)")
					.withChoices("platform", "virtual"),
				new JobParameterDescription("cellThreads", "16", "platform threads per band for cellLatency"));
	}

}
