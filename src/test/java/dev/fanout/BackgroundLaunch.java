package dev.fanout;

import java.util.concurrent.FutureTask;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.test.JobOperatorTestUtils;

/**
 * Runs a job on a thread of its own, so that a test can act on it (stop it) while it runs. Not a lambda in the test
 * class: {@code @SpringBatchTest} would take the lambda's method, which returns a {@link JobExecution}, as a factory.
 */
public final class BackgroundLaunch {

	private BackgroundLaunch() {
	}

	/** Starts the job on a platform thread with the given name; the task's result is the ended execution. */
	public static FutureTask<JobExecution> start(String thread, JobOperatorTestUtils jobs, JobParameters parameters) {
		FutureTask<JobExecution> run = new FutureTask<>(() -> jobs.startJob(parameters));
		Thread.ofPlatform().name(thread).start(run);
		return run;
	}

}
