package dev.fanout.jobs.life;

import java.nio.file.Path;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.OutputChart;
import dev.fanout.batch.OutputPicture;
import dev.fanout.batch.ParameterValues;
import dev.fanout.batch.ProgressMeasure;

/**
 * The {@code life} job's parameters, as {@code jobs} lists them, with their defaults, and their parse; and the outputs
 * the dashboard shows. A first launch reads the pattern once (refusing a missing or malformed one, one larger than the
 * grid, a grid too large for the heap) and hands it to the seed step; a restart reads nothing: it resumes from its
 * checkpoints.
 */
class LifeJobDescription implements JobDescription<LifeParameters> {

	private final int processors;

	private final Path dataDir;

	LifeJobDescription(int processors, Path dataDir) {
		this.processors = processors;
		this.dataDir = dataDir;
	}

	@Override
	public String jobName() {
		return "life";
	}

	@Override
	public String summary() {
		return "Conway's Game of Life on a torus, every generation a partitioned step over row bands (the book's item 56)";
	}

	/** Its bands can read their input from, and write their rows to, the repository ({@code BandRows}). */
	@Override
	public boolean runsOnWorkers() {
		return true;
	}

	@Override
	public void checkRemote(JobParameters parameters) {
		if (!parse(parameters).cellLatency().isZero()) {
			throw new IllegalArgumentException("cellLatency simulates a blocking call per cell over the whole grid in one "
					+ "JVM and cannot run on remote workers (fanout.workers=remote); drop cellLatency, or run it without "
					+ "remote workers");
		}
	}

	/**
	 * Generations computed out of those asked for: each run of the looped partitioned step plans from a generation,
	 * for a number of generations, in its context; they are done once it completes.
	 */
	@Override
	public ProgressMeasure progress() {
		return ProgressMeasure.spans("generations", LifeJobConfiguration.GENERATIONS, LifePartitioner.GENERATION,
				LifePartitioner.STEPS,
				(attempts) -> values(attempts.parameters()).whole("generations", 0, LifeParameters.MAX_GENERATIONS));
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("pattern", LifeParameters.DEFAULT_PATTERN,
						"RLE (.rle, or x = .. header), LifeWiki plaintext (.cells: O alive, . dead) or plain text "
								+ "(* alive, - dead); a relative path is in the data directory (from the command line: "
								+ "the working directory first); stored absolute").asInputFile(),
				new JobParameterDescription("width", null, "grid width (default: the pattern's)"),
				new JobParameterDescription("height", null, "grid height (default: the pattern's)"),
				new JobParameterDescription("x", null, "column of the pattern's top-left cell (default 0)"),
				new JobParameterDescription("y", null, "row of the pattern's top-left cell (default 0)"),
				new JobParameterDescription("placement", null, "center: centre the pattern instead of x=/y=")
					.withChoices("center"),
				new JobParameterDescription("generations", "4", "generations to compute"),
				new JobParameterDescription("partitions", Integer.toString(this.processors),
						"row bands computed concurrently, 1-" + LifeParameters.MAX_PARTITIONS
								+ " (one where each band's halo would cover the whole torus)"),
				new JobParameterDescription("checkpoint", "auto",
						"generations per partitioned step between checkpoints (auto: as many as keep overhead small)"),
				new JobParameterDescription("cellLatency", "0",
						"simulated blocking I/O per cell evaluation, e.g. 100ms (checkpoint is then 1)"),
				new JobParameterDescription("executor", "platform",
						"for cellLatency: platform (cellThreads threads per band) or virtual (a thread per cell)")
					.withChoices("platform", "virtual"),
				new JobParameterDescription("cellThreads", "16", "platform threads per band for cellLatency"));
	}

	@Override
	public LifeParameters parse(ParameterValues values) {
		return LifeParameters.parse(values, this.dataDir);
	}

	@Override
	public LifeParameters prepare(LifeParameters parameters, LaunchKind kind) {
		return (kind == LaunchKind.FIRST) ? parameters.withSetup() : parameters;
	}

	@Override
	public List<OutputPicture> pictures() {
		return List.of(new OutputPicture(LifeOutputs.FINAL_PNG, "final grid"),
				new OutputPicture(LifeOutputs.LIVE_PNG, "final grid, live area"),
				new OutputPicture(LifeOutputs.GIF, "first generations"));
	}

	@Override
	public OutputChart chart() {
		return new OutputChart(LifeOutputs.POPULATIONS, "Population per generation", "generation");
	}

}
