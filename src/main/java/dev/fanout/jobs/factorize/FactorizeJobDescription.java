package dev.fanout.jobs.factorize;

import java.util.Arrays;
import java.util.List;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.ProgressMeasure;

/** The {@code factorize} job's parameters, as {@code jobs} lists them. */
class FactorizeJobDescription implements JobDescription {

	static final String DEFAULT_FILE = "factorize/numbers.txt";

	private final int processors;

	FactorizeJobDescription(int processors) {
		this.processors = processors;
	}

	@Override
	public String jobName() {
		return "factorize";
	}

	@Override
	public String summary() {
		return "Fan-out factorization of many numbers across partitioned workers (the book's item 53)";
	}

	/** Numbers factorized by the workers' partitions, out of those the plan shared out. */
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
						"text file with one number per line (# comments allowed), relative to the data directory",
						"numbers"),
				new JobParameterDescription("threads", Integer.toString(this.processors),
						"workers (and partitions) that factorize concurrently, 1-" + FactorizeParameters.MAX_THREADS),
				new JobParameterDescription("algorithm", Algorithm.FAST.toString(),
						"fast (trial division to the square root, any positive long) or naive (the book's loop, up to "
								+ Algorithm.NAIVE_LIMIT + ")")
					.withChoices(Arrays.stream(Algorithm.values()).map(Algorithm::toString).toArray(String[]::new)));
	}

}
