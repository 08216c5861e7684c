package dev.fanout.jobs.factorize;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;
import dev.fanout.batch.ProgressMeasure;
import dev.fanout.jobs.factorize.numbers.Algorithm;

/**
 * The {@code factorize} job's parameters, as {@code jobs} lists them, with their defaults, and their parse. A first
 * launch reads the numbers file once and hands the numbers to the partitioner; a restart reads nothing (the shares
 * are saved), so it succeeds even when the file is gone.
 */
class FactorizeJobDescription implements JobDescription<FactorizeParameters> {

	static final String DEFAULT_FILE = "factorize/numbers.txt";

	private final int processors;

	private final Path dataDir;

	FactorizeJobDescription(int processors, Path dataDir) {
		this.processors = processors;
		this.dataDir = dataDir;
	}

	@Override
	public String jobName() {
		return FactorizeJobConfiguration.JOB;
	}

	@Override
	public String summary() {
		return "Fan-out factorization of many numbers across partitioned workers (the book's item 53)";
	}

	/** Numbers factorized by the workers' partitions, out of those the plan shared out. */
	/** Its partitions read their numbers from, and write their divisors to, the repository ({@code FactorizeData}). */
	@Override
	public boolean runsOnWorkers() {
		return true;
	}

	@Override
	public ProgressMeasure progress() {
		return ProgressMeasure.items("numbers", FactorizeJobConfiguration.WORKER_STEP, (attempts) -> attempts
			.contextLong(FactorizeJobConfiguration.MANAGER_STEP, FactorizePartitioner.TOTAL, 0));
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("numbers", null,
						"comma-separated positive whole numbers to factorize, instead of file="),
				new JobParameterDescription("file", DEFAULT_FILE,
						"text file with one number per line (# comments allowed); a relative path is in the data "
								+ "directory (from the command line: the working directory first); stored absolute",
						"numbers").asInputFile(),
				new JobParameterDescription("threads", Integer.toString(this.processors),
						"workers (and partitions) that factorize concurrently, 1-" + FactorizeParameters.MAX_THREADS),
				new JobParameterDescription("algorithm", Algorithm.FAST.toString(),
						"fast (trial division to the square root, any positive long) or naive (the book's loop, up to "
								+ Algorithm.NAIVE_LIMIT + ")")
					.withChoices(Arrays.stream(Algorithm.values()).map(Algorithm::toString).toArray(String[]::new)));
	}

	@Override
	public FactorizeParameters parse(ParameterValues values) {
		return FactorizeParameters.parse(values, this.dataDir);
	}

	/** A first launch reads the file (every malformed number is refused with its line); a restart reads nothing. */
	@Override
	public FactorizeParameters prepare(FactorizeParameters parameters, LaunchKind kind) {
		return (kind == LaunchKind.FIRST) ? parameters.withInput(this.dataDir) : parameters;
	}

}
