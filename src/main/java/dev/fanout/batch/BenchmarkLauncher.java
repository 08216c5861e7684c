package dev.fanout.batch;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;

/** How a {@link JobBenchmark} runs its job: through the same launch path as {@code fanout run}. */
public interface BenchmarkLauncher {

	/**
	 * Runs a fresh instance of the job with {@code name=value} arguments.
	 *
	 * @return the COMPLETED execution
	 * @throws IllegalStateException if the run did not complete, with its exit description
	 */
	JobExecution runNewInstance(String jobName, List<String> arguments);

}
