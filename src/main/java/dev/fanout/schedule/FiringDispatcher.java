package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.beans.factory.DisposableBean;

import dev.fanout.batch.JobDescription;
import dev.fanout.launch.ExecutionStopper;
import dev.fanout.recovery.Heartbeat;

/**
 * Runs firings on a bounded pool of launch threads, so that a long job never keeps the scheduler thread from firing
 * other schedules. At most {@code launchThreads} scheduled jobs run at once; up to four times as many firings wait;
 * beyond that a firing is dropped (logged).
 * <p>
 * Thread safety: {@link #inFlight} is a concurrent set of the {@code run.id}s submitted and not yet ended, written
 * by the scheduler thread and the launch threads; the executor is thread-safe.
 */
class FiringDispatcher implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(FiringDispatcher.class);

	private static final long SWEEP_MILLIS = 200;

	private final ScheduleFiring firing;

	private final ThreadPoolExecutor executor;

	private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

	private final Heartbeat heartbeat;

	private final ExecutionStopper stopper;

	private final Duration stopTimeout;

	FiringDispatcher(ScheduleFiring firing, int launchThreads, Heartbeat heartbeat, ExecutionStopper stopper,
			Duration stopTimeout) {
		this.firing = firing;
		this.executor = new ThreadPoolExecutor(launchThreads, launchThreads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(4 * launchThreads), Thread.ofPlatform().name("fanout-schedule-", 1).factory());
		this.heartbeat = heartbeat;
		this.stopper = stopper;
		this.stopTimeout = stopTimeout;
	}

	/** Queues the firing; the future tells its outcome once its launch has returned. */
	Future<FiringOutcome> submit(Schedule schedule, Instant scheduledTime) {
		return submit(schedule, scheduledTime, false);
	}

	/** As {@link #submit(Schedule, Instant)}; {@code again} for a firing that was {@link FiringOutcome#PENDING}. */
	Future<FiringOutcome> submit(Schedule schedule, Instant scheduledTime, boolean again) {
		String runId = schedule.runId(scheduledTime);
		if (!this.inFlight.add(runId)) {
			logger.info("Firing {} is already being launched by this server", runId);
			return CompletableFuture.completedFuture(FiringOutcome.TAKEN);
		}
		try {
			return this.executor.submit(() -> {
				try {
					return this.firing.fire(schedule, scheduledTime, again);
				}
				finally {
					this.inFlight.remove(runId);
				}
			});
		}
		catch (RejectedExecutionException ex) {
			this.inFlight.remove(runId);
			logger.warn("Firing {} dropped: {} scheduled jobs running and {} waiting (fanout.scheduler.launch-threads)",
					runId, this.executor.getActiveCount(), this.executor.getQueue().size());
			return CompletableFuture.completedFuture(FiringOutcome.DROPPED);
		}
	}

	/**
	 * Takes no more firings, drops those still waiting, asks this server's running scheduled executions to stop and
	 * waits for them to end, at most {@code fanout.shutdown.timeout}. Idempotent.
	 */
	void shutdown() throws InterruptedException {
		if (this.executor.isShutdown()) {
			return;
		}
		this.executor.shutdown();
		List<Runnable> waiting = new ArrayList<>();
		this.executor.getQueue().drainTo(waiting);
		waiting.forEach((task) -> ((Future<?>) task).cancel(false));
		if (!waiting.isEmpty()) {
			logger.info("Shutting down: {} waiting firing(s) dropped", waiting.size());
		}
		// Sweeps again while waiting: a launch thread may have been just starting its job during the previous sweep.
		Set<Long> asked = new HashSet<>();
		long deadline = System.nanoTime() + this.stopTimeout.toNanos();
		do {
			for (long id : this.heartbeat.runningExecutions()) {
				// Marked asked only once the stop is written: a failed one is tried again at the next sweep.
				if (!asked.contains(id) && this.stopper.askToStop(id, this::scheduledHere, "Shutting down")) {
					asked.add(id);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				logger.warn("Scheduled jobs still running after {}: left to 'fanout recover'", this.stopTimeout);
				return;
			}
		}
		while (!this.executor.awaitTermination(SWEEP_MILLIS, TimeUnit.MILLISECONDS));
	}

	/** Whether one of this server's firings launched the execution (not an execution launched otherwise). */
	private boolean scheduledHere(JobExecution execution) {
		String runId = execution.getJobParameters().getString(JobDescription.RUN_ID);
		return runId != null && this.inFlight.contains(runId);
	}

	@Override
	public void destroy() throws InterruptedException {
		shutdown();
	}

}
