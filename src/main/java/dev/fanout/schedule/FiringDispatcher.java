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
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.DisposableBean;

import dev.fanout.launch.ExecutionStopper;
import dev.fanout.launch.JobDescription;
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

	private final JobRepository jobRepository;

	private final ExecutionStopper stopper;

	private final Duration stopTimeout;

	FiringDispatcher(ScheduleFiring firing, int launchThreads, Heartbeat heartbeat, JobRepository jobRepository,
			ExecutionStopper stopper, Duration stopTimeout) {
		this.firing = firing;
		this.executor = new ThreadPoolExecutor(launchThreads, launchThreads, 0, TimeUnit.MILLISECONDS,
				new ArrayBlockingQueue<>(4 * launchThreads), Thread.ofPlatform().name("fanout-schedule-", 1).factory());
		this.heartbeat = heartbeat;
		this.jobRepository = jobRepository;
		this.stopper = stopper;
		this.stopTimeout = stopTimeout;
	}

	/** Queues the firing; the future tells its outcome once its launch has returned. */
	Future<FiringOutcome> submit(Schedule schedule, Instant scheduledTime) {
		String runId = schedule.runId(scheduledTime);
		if (!this.inFlight.add(runId)) {
			logger.info("Firing {} is already being launched by this server", runId);
			return CompletableFuture.completedFuture(FiringOutcome.TAKEN);
		}
		try {
			return this.executor.submit(() -> {
				try {
					return this.firing.fire(schedule, scheduledTime);
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
				if (asked.add(id)) {
					stopIfScheduled(id);
				}
			}
			if (System.nanoTime() - deadline > 0) {
				logger.warn("Scheduled jobs still running after {}: left to 'fanout recover'", this.stopTimeout);
				return;
			}
		}
		while (!this.executor.awaitTermination(SWEEP_MILLIS, TimeUnit.MILLISECONDS));
	}

	/** Stops an execution this process runs if one of its firings launched it (not an execution launched otherwise). */
	private void stopIfScheduled(long executionId) {
		try {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			String runId = (execution != null) ? execution.getJobParameters().getString(JobDescription.RUN_ID) : null;
			if (runId != null && this.inFlight.contains(runId) && execution.getStatus().isRunning()) {
				logger.info("Shutting down: stopping execution {} of firing {}", executionId, runId);
				this.stopper.stop(execution);
			}
		}
		catch (Exception ex) {
			logger.warn("Shutting down: could not stop execution {}: {}", executionId, ex.getMessage());
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		shutdown();
	}

}
