package dev.fanout.launch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.DataPaths;
import dev.fanout.core.FanoutProperties;
import dev.fanout.core.WebProperties;

/**
 * Launches for {@code serve}: the {@link Launcher} (validation, claims, conflict messages) runs on one of
 * {@code fanout.web.launch-threads} threads of its own, and the caller gets the new execution's id as soon as the job
 * starts, or the launch's refusal. A launch when every thread runs a job is refused at once (no queue: a queued
 * launch would have no execution to answer with).
 * <p>
 * Thread safety: the executor is thread-safe; each launch hands its result to the caller through its own future, and
 * its failure after its execution started to {@link #failedAfterStart}, a concurrent queue.
 */
@Component
@ConditionalOnBooleanProperty("fanout.serving")
public class BackgroundLaunches implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(BackgroundLaunches.class);

	/** Validation reads inputs (a large numbers file, openssl's lists): generous, but never a hung request. */
	private static final long START_TIMEOUT_SECONDS = 120;

	private final Launcher launcher;

	private final ExecutionStates states;

	private final FanoutProperties fanout;

	private final ThreadPoolExecutor executor;

	/** Launches that failed after their execution had started: their end may be missing from the repository. */
	private final Queue<FailedLaunch> failedAfterStart = new ConcurrentLinkedQueue<>();

	/**
	 * A launch that failed after its execution started, which Spring Batch records itself when it can: a failure that
	 * escapes it is one of its bookkeeping, such as the repository's write of the execution's end.
	 * @param failure what went wrong, as an operator reads it
	 */
	public record FailedLaunch(long executionId, String jobName, String failure) {
	}

	public BackgroundLaunches(Launcher launcher, ExecutionStates states, WebProperties web, FanoutProperties fanout) {
		this.launcher = launcher;
		this.states = states;
		this.fanout = fanout;
		int threads = web.launchThreads();
		this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.SECONDS, new SynchronousQueue<>(),
				Thread.ofPlatform().name("fanout-launch-", 1).factory());
	}

	/** Starts the job (or restarts its FAILED or STOPPED instance) in the background; returns the execution id. */
	public long start(String jobName, Map<String, String> parameters, boolean newInstance, LaunchOrigin origin) {
		Job job = this.launcher.job(jobName);
		// The values' own checks first (a control character in a path is refused as such, not as a path outside).
		JobParameters jobParameters = this.launcher.parameters(jobName, parameters, false);
		requireInputsInside(jobName, parameters);
		return submit(jobName, (notices) -> newInstance ? this.launcher.startNew(job, jobParameters, origin, notices)
				: this.launcher.start(job, jobParameters, origin, notices));
	}

	/**
	 * Launches that arrive over the network read input files only inside the data directory (the command line, a
	 * local operator's, reads any): a given input file, or its default when no alternative to it was given.
	 */
	private void requireInputsInside(String jobName, Map<String, String> given) {
		JobDescription<?> job = this.launcher.description(jobName);
		for (JobParameterDescription parameter : job.parameters()) {
			String value = given.containsKey(parameter.name()) ? given.get(parameter.name())
					: (parameter.alternative() != null && given.containsKey(parameter.alternative())) ? null
							: parameter.defaultValue();
			if (!parameter.inputFile() || value == null) {
				continue;
			}
			try {
				DataPaths.resolveInside(this.fanout.dataDir(), parameter.name(), value);
			}
			catch (IllegalArgumentException ex) {
				throw CommandFailure.usage(("%s=%s points outside the data directory %s: launches over the network (API, "
						+ "dashboard) read files only inside it, and a relative path is resolved there; from the "
						+ "command line any readable path works").formatted(parameter.name(), value,
								this.fanout.dataDir()));
			}
		}
	}

	/** Restarts a FAILED or STOPPED execution's instance in the background; returns the new execution's id. */
	public long restart(JobExecution execution, LaunchOrigin origin) {
		// Refused here already, so that a refusal is the rules' message even when every launch thread is busy.
		this.states.decide(execution, ExecutionAction.RESTART, false).orRefuse();
		return submit(execution.getJobInstance().getJobName(),
				(notices) -> this.launcher.restart(execution, origin, notices));
	}

	private long submit(String jobName, Function<Consumer<String>, JobExecution> launch) {
		CompletableFuture<JobExecution> created = new CompletableFuture<>();
		Consumer<String> notices = (notice) -> logger.info("{}: {}", jobName, notice);
		try {
			this.executor.execute(() -> run(jobName, created, () -> launch.apply(notices)));
		}
		catch (RejectedExecutionException ex) {
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, this.executor.isShutdown()
					? "the server is shutting down and launches nothing more"
					: "all %d launch threads run jobs (fanout.web.launch-threads); try again when one ends"
						.formatted(this.executor.getMaximumPoolSize()));
		}
		try {
			return created.get(START_TIMEOUT_SECONDS, TimeUnit.SECONDS).getId();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException refused) {
				throw refused;
			}
			throw new IllegalStateException(ex.getCause());
		}
		catch (TimeoutException ex) {
			String late = "the %s launch has not started within %d s; %s shows it if it starts later";
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE,
					late.formatted(jobName, START_TIMEOUT_SECONDS, "'fanout history'"),
					late.formatted(jobName, START_TIMEOUT_SECONDS, "GET /api/executions?job=" + jobName),
					late.formatted(jobName, START_TIMEOUT_SECONDS, "the executions list"));
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, "interrupted while launching " + jobName);
		}
	}

	/** On a launch thread: the launch to its end, telling the caller as soon as the execution exists. */
	private void run(String jobName, CompletableFuture<JobExecution> created, Supplier<JobExecution> launch) {
		try {
			JobExecution execution = ExecutionCreated.watch(created, launch);
			created.complete(execution); // a job that ended without starting (e.g. stopped before it began)
			logger.info("Execution {} of {} ended {}", execution.getId(), jobName, execution.getStatus());
		}
		catch (RuntimeException ex) {
			if (!created.completeExceptionally(ex)) {
				long id = created.join().getId();
				logger.error("Execution {} of {} failed after it started", id, jobName, ex);
				this.failedAfterStart.add(new FailedLaunch(id, jobName, ReadableFailures.describe(ex)));
			}
		}
	}

	/** Refuses further launches at once; those running go on ({@link #shutdownAndWait} waits for them). */
	public void refuseLaunches() {
		this.executor.shutdown();
	}

	/**
	 * The launches that failed after their execution had started since the last call, oldest first: {@code serve}
	 * takes those of before its signal, then those of its stop, which it must not call stopped.
	 */
	public List<FailedLaunch> takeFailedAfterStart() {
		List<FailedLaunch> taken = new ArrayList<>();
		for (FailedLaunch failed = this.failedAfterStart.poll(); failed != null; failed = this.failedAfterStart.poll()) {
			taken.add(failed);
		}
		return taken;
	}

	/** Refuses further launches and waits until the running ones have returned (their jobs asked to stop). */
	public void shutdownAndWait() throws InterruptedException {
		this.executor.shutdown();
		while (!this.executor.awaitTermination(1, TimeUnit.SECONDS)) {
			logger.info("Waiting for {} running launches to end", this.executor.getActiveCount());
		}
	}

	@Override
	public void destroy() {
		this.executor.shutdownNow();
	}

}
