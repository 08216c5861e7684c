package dev.fanout.launch;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Tells a background launch's caller (and the CLI's progress monitor) its execution as soon as the job starts, while the launch itself runs on until
 * the job ends. Registered on every job ({@link LaunchConfiguration}); it acts only on a thread that is
 * {@link #watch watching}. The launch path ({@link Launcher}, {@link GuardedLaunch}) stays synchronous and unchanged.
 * <p>
 * Thread safety: the watched future is thread-confined (a thread local of the launching thread, where Spring Batch's
 * synchronous job operator calls {@code beforeJob}); the future itself is what crosses threads. Jobs that a job
 * starts on other threads (the chapter's job steps) are not watched.
 */
public final class ExecutionCreated implements JobExecutionListener {

	private static final ThreadLocal<CompletableFuture<JobExecution>> WATCHED = new ThreadLocal<>();

	/** Runs {@code launch} on this thread, completing {@code created} with the first execution that starts. */
	public static JobExecution watch(CompletableFuture<JobExecution> created, Supplier<JobExecution> launch) {
		WATCHED.set(created);
		try {
			return launch.get();
		}
		finally {
			WATCHED.remove();
		}
	}

	@Override
	public void beforeJob(JobExecution execution) {
		CompletableFuture<JobExecution> created = WATCHED.get();
		if (created != null) {
			created.complete(execution);
		}
	}

}
