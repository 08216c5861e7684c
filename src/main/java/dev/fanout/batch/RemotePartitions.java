package dev.fanout.batch;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;

/**
 * Partitions that run on {@code fanout worker} processes instead of this JVM. The platform implements it
 * ({@code dev.fanout.remote}) and publishes it as a bean only when the process's workers are remote
 * ({@code fanout.workers=remote}); {@link PartitionHandlers} then hands it the partitions of every job whose
 * {@link JobDescription#runsOnWorkers()} says they can go.
 */
public interface RemotePartitions {

	/** A handler that sends one request per partition of {@code workerStep} to the workers and waits for them. */
	PartitionHandler handler(Step workerStep, int gridSize);

	/**
	 * Refuses a launch that cannot run with remote workers (a repository the workers cannot reach, parameters the job
	 * cannot run remotely with) with one line naming the problem and the fix.
	 * @throws dev.fanout.core.CommandFailure a usage failure
	 */
	void checkLaunch(JobDescription job, JobParameters parameters);

}
