package dev.fanout.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.transaction.support.TransactionOperations;

import dev.fanout.core.RepeatedTask;

/**
 * Runs a remote partition handler while a watcher thread looks after the partitions that would otherwise keep the
 * manager polling forever. Every {@code fanout.remote.heartbeat} it checks:
 * <ul>
 * <li>A running partition whose worker's heartbeat, or whose claim's (refreshed by the worker's heartbeat for as long
 * as it runs the partition: an error may end its run without recording its end), is older than
 * {@code fanout.remote.worker-timeout} is handed on:
 * its claim released and set back to STARTING in one transaction, and its request sent again, so that another worker
 * takes it over and resumes it after its last committed chunk, in the same execution. Releasing the claim first fences
 * the old worker should it be alive after all ({@link ClaimFence}): a write of it that checked the claim before
 * commits first (the release waits for it), and any later one fails and rolls back with everything it wrote. After
 * {@code fanout.remote.hand-ons} hand-ons, or with no live worker to take it, the partition is taken back from its
 * worker and fails instead, naming the worker; {@code restart} resumes it.</li>
 * <li>A partition that waits for a worker (never taken, or handed on) for longer than
 * {@code fanout.remote.no-worker-wait} fails if no worker is live or listens on the queue ({@link #NO_WORKER}); if
 * workers listen but the queue holds no request, its request was lost (a worker dead-lettered it, or sending it
 * failed): it is sent again once, and the partition fails if it waits that long again. While the queue holds
 * requests, workers are busy and it waits with them. The manager claims a partition before it fails it, so a worker
 * that takes its request later drops it.</li>
 * <li>Once the job is stopping ({@code fanout stop}), partitions that no worker holds are ended STOPPED at once: those
 * that wait (their requests may stay queued for ever with no worker), and those whose worker died or abandoned them
 * (instead of handing them on). Partitions that live workers run stop at their next chunk boundary by
 * themselves.</li>
 * </ul>
 * The handler's poll sees failed partitions ended and the step fails.
 * <p>
 * What guards what: the watcher thread only writes through the repository and the broker, which the handler's thread
 * reads back by polling; the two share no memory. A {@link Watch}'s own state is confined to the thread that checks
 * it.
 */
class WatchedPartitionHandler implements PartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WatchedPartitionHandler.class);

	static final String NO_WORKER = "no worker took the partitions: start `fanout worker`";

	private final PartitionHandler handler;

	private final String workerStep;

	private final Workers workers;

	private final JobRepository jobRepository;

	private final RemoteProperties properties;

	private final RequestQueue requests;

	/** Transactions on the repository's data source, in which a claim is taken back with the partition's write. */
	private final TransactionOperations transactions;

	/** The watcher's clock, {@link System#nanoTime()} but in tests. */
	private final LongSupplier nanoTime;

	WatchedPartitionHandler(PartitionHandler handler, String workerStep, Workers workers, JobRepository jobRepository,
			TransactionOperations transactions, RemoteProperties properties, RequestQueue requests) {
		this(handler, workerStep, workers, jobRepository, transactions, properties, requests, System::nanoTime);
	}

	WatchedPartitionHandler(PartitionHandler handler, String workerStep, Workers workers, JobRepository jobRepository,
			TransactionOperations transactions, RemoteProperties properties, RequestQueue requests,
			LongSupplier nanoTime) {
		this.handler = handler;
		this.workerStep = workerStep;
		this.workers = workers;
		this.jobRepository = jobRepository;
		this.transactions = transactions;
		this.properties = properties;
		this.requests = requests;
		this.nanoTime = nanoTime;
	}

	/** The queue of partition requests, as the watcher needs it. */
	interface RequestQueue {

		/** Sends a partition's request to the workers again. */
		void send(StepExecutionRequest request);

		/** What the queue holds now, or {@code null} if the broker cannot say. */
		@Nullable QueueState state();

		/** What to tell an operator when the broker could not be reached: where it was looked for, and the fix. */
		String unreachable(AmqpException failure);

	}

	/**
	 * A queue's requests ready for a worker (those a worker has taken and not yet answered are not counted) and its
	 * consumers (each a slot of a worker).
	 */
	record QueueState(long ready, long consumers) {

	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		Watch watch = watch(manager.getJobExecutionId());
		ScheduledExecutorService watcher = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fanout-partition-watch").factory());
		Collection<StepExecution> partitions;
		try {
			long period = this.properties.heartbeat().toMillis();
			// An Error in one check would end the watch: the handler would then poll for ever a partition nobody runs.
			watcher.scheduleWithFixedDelay(new RepeatedTask("Watch over the partitions of execution "
					+ manager.getJobExecutionId(), logger, watch::check), period, period, TimeUnit.MILLISECONDS);
			partitions = this.handler.handle(splitter, manager);
		}
		catch (Exception ex) {
			throw failWaiting(manager.getJobExecutionId(), ex);
		}
		finally {
			// Not waited for: a check still under way (failWaiting above runs beside it too) writes only through the
			// repository, where the claim row's primary key lets one of them claim a waiting partition, and a
			// version-checked update lets one of them end a running one: the other finds it taken and writes nothing,
			// or its update fails and is logged.
			watcher.shutdownNow();
		}
		failOnFailedPartitions(partitions);
		return partitions;
	}

	/**
	 * After the handler failed (most likely sending the requests: the broker is unreachable), fails the partitions no
	 * worker holds: nothing watches them any more, and left STARTING they would make the failed execution look
	 * orphaned. Returns what to throw: a sentence that names the broker and the fix when the broker failed.
	 */
	private Exception failWaiting(long jobExecutionId, Exception failure) {
		AmqpException broker = Broker.brokerFailure(failure);
		String why = (broker != null)
				? this.requests.unreachable(broker) + "; a restart of the execution sends the partitions again"
				: "the manager step failed before a worker took the partition (%s); a restart of the execution runs it"
					.formatted(failure.getMessage());
		try {
			List<Long> waiting = new ArrayList<>(this.workers.waiting(jobExecutionId, this.workerStep));
			waiting.addAll(this.workers.handedOn(jobExecutionId, this.workerStep));
			for (long partition : waiting) {
				claimAndEnd(jobExecutionId, partition, BatchStatus.FAILED, why);
			}
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
			logger.warn("Could not fail the waiting partitions of execution {}", jobExecutionId, ex);
		}
		return (broker != null) ? new RemotePartitionsFailedException(why, failure) : failure;
	}

	/** A watch over the partitions of one execution's manager step, to be checked every heartbeat period. */
	Watch watch(long jobExecutionId) {
		return new Watch(jobExecutionId);
	}

	/**
	 * Fails the manager step with the reasons of its failed partitions. The handler returns them as read from the
	 * repository, without their failure exceptions: only their exit descriptions say why (a stack trace, or the
	 * watcher's sentence), and the job's readable exit description is built from exceptions.
	 */
	private static void failOnFailedPartitions(Collection<StepExecution> partitions) {
		Set<String> reasons = new LinkedHashSet<>();
		for (StepExecution partition : partitions) {
			if (partition.getStatus() == BatchStatus.FAILED) {
				String first = partition.getExitStatus().getExitDescription().lines().findFirst().orElse("").strip();
				// "java.lang.IllegalStateException: message" says "message" to an operator.
				reasons.add(first.replaceFirst("^([a-z_$][\\w$]*\\.)+[A-Z][\\w$]*(Exception|Error): ", ""));
			}
		}
		reasons.remove("");
		if (!reasons.isEmpty()) {
			throw new RemotePartitionsFailedException(String.join("; ", reasons));
		}
	}

	/** Failed remote partitions, by their exit descriptions' first lines. */
	static class RemotePartitionsFailedException extends RuntimeException {

		RemotePartitionsFailedException(String message) {
			super(message);
		}

		RemotePartitionsFailedException(String message, Throwable cause) {
			super(message, cause);
		}

	}

	/**
	 * The watch over one execution's partitions. Its state ({@link #waiting}) is confined to the thread that checks it:
	 * the watcher thread, one check after the other (a test's own thread in tests).
	 */
	final class Watch {

		private final long job;

		/** The partitions seen waiting for a worker at the last check, by step execution id. */
		private final Map<Long, Waiting> waiting = new HashMap<>();

		private Watch(long job) {
			this.job = job;
		}

		/** Looks after the partitions nobody runs; logs what it could not do (what it throws, its RepeatedTask logs). */
		void check() {
			try {
				boolean stopping = WatchedPartitionHandler.this.workers.stopping(this.job);
				replaceDeadWorkers(stopping);
				lookAfterWaiting(stopping);
			}
			catch (RuntimeException ex) {
				logger.warn("Could not check the partitions of execution {}", this.job, ex);
			}
		}

		private void replaceDeadWorkers(boolean stopping) {
			Duration timeout = WatchedPartitionHandler.this.properties.workerTimeout();
			for (Workers.RunningPartition running : WatchedPartitionHandler.this.workers.running(this.job,
					WatchedPartitionHandler.this.workerStep)) {
				if (running.abandoned(timeout)) {
					handOnOrFail(this.job, running, stopping);
				}
			}
		}

		/** The partitions that wait for a worker: sent again once if their request was lost, failed if none comes. */
		private void lookAfterWaiting(boolean stopping) {
			Workers workers = WatchedPartitionHandler.this.workers;
			String step = WatchedPartitionHandler.this.workerStep;
			Set<Long> now = new LinkedHashSet<>(workers.waiting(this.job, step));
			now.addAll(workers.handedOn(this.job, step));
			this.waiting.keySet().retainAll(now);
			if (stopping) {
				// No worker holds them, and none need run them: their requests may wait in the queue for ever.
				for (long partition : now) {
					take(partition, BatchStatus.STOPPED, "the job was stopped before a worker took the partition; "
							+ "a restart of the execution runs it");
				}
				return;
			}
			long time = WatchedPartitionHandler.this.nanoTime.getAsLong();
			long bound = WatchedPartitionHandler.this.properties.noWorkerWait().toNanos();
			List<Long> due = new ArrayList<>();
			for (long partition : now) {
				Waiting waiting = this.waiting.computeIfAbsent(partition, (id) -> new Waiting(time));
				if (time - waiting.since >= bound) {
					due.add(partition);
				}
			}
			if (due.isEmpty()) {
				return;
			}
			QueueState queue = WatchedPartitionHandler.this.requests.state();
			boolean noWorker = workers.live().isEmpty() || (queue != null && queue.consumers() == 0);
			boolean queued = queue != null && queue.ready() > 0;
			for (long partition : due) {
				Waiting waiting = this.waiting.get(partition);
				if (noWorker) {
					logger.warn("Partition {} of execution {}: no worker took it within {} and none listens on {}; "
							+ "failing it", partition, this.job, WatchedPartitionHandler.this.properties.noWorkerWait(),
							WatchedPartitionHandler.this.properties.queue());
					take(partition, BatchStatus.FAILED, NO_WORKER);
				}
				else if (queued) {
					continue; // workers are busy with the requests queued before it: it waits with them
				}
				else if (!waiting.resent) {
					waiting.resent = true;
					waiting.since = time;
					logger.warn("Partition {} of execution {}: no worker took it within {} and its request is no "
							+ "longer queued; sending it again", partition, this.job,
							WatchedPartitionHandler.this.properties.noWorkerWait());
					send(partition);
				}
				else {
					String why = ("no worker took the partition although workers listen: its request was sent twice "
							+ "and is no longer queued (a worker that could not take it dead-letters it to %s: see "
							+ "the workers' logs); a restart of the execution runs it")
						.formatted(WatchedPartitionHandler.this.properties.deadLetterQueue());
					logger.warn("Partition {} of execution {}: {}", partition, this.job, why);
					take(partition, BatchStatus.FAILED, why);
				}
			}
		}

		private void take(long partition, BatchStatus status, String why) {
			claimAndEnd(this.job, partition, status, why);
			this.waiting.remove(partition);
		}

	}

	/** Since when (by the watcher's clock) a partition has waited, and whether its request was sent again. */
	private static final class Waiting {

		private long since;

		private boolean resent;

		private Waiting(long since) {
			this.since = since;
		}

	}

	private void handOnOrFail(long job, Workers.RunningPartition running, boolean stopping) {
		String died = (running.workerLive(this.properties.workerTimeout())
				? "worker process %d on %s no longer runs the partition, whose end it could not record (see its log)"
				: "worker process %d on %s stopped heartbeating while running the partition")
			.formatted(running.pid(), running.host());
		if (stopping) {
			String why = died
					+ "; the job was stopping: a restart of the execution resumes it after its last committed chunk";
			logger.warn("Partition {} of execution {}: {}", running.stepExecutionId(), job, why);
			takeBackAndEnd(running, BatchStatus.STOPPED, why);
			return;
		}
		boolean exhausted = running.handOns() >= this.properties.handOns();
		if (exhausted || this.workers.live().isEmpty()) {
			// With no worker left, a restart alone would only wait for one: say to start one first.
			String why = died + (!exhausted ? " and no live worker is left to take it over; once a worker runs, "
					: ((running.handOns() > 0) ? " (handed on %d time%s already)".formatted(running.handOns(),
							(running.handOns() == 1) ? "" : "s") : "") + "; ")
					+ "a restart of the execution resumes it after its last committed chunk";
			logger.warn("Partition {} of execution {}: {}", running.stepExecutionId(), job, why);
			takeBackAndEnd(running, BatchStatus.FAILED, why);
			return;
		}
		// The claim first: once it is released, the old worker's writes fail, should it be alive after all.
		boolean handedOn = Boolean.TRUE.equals(this.transactions.execute((transaction) -> {
			this.workers.waitForLocksAtMost(this.properties.heartbeat());
			if (!this.workers.handOn(running.stepExecutionId(), running.workerId())) {
				return false; // another worker or the manager holds it now
			}
			StepExecution partition = this.jobRepository.getStepExecution(running.stepExecutionId());
			if (partition == null || !partition.getStatus().isRunning()) {
				transaction.setRollbackOnly(); // its worker ended it just now
				return false;
			}
			partition.setStatus(BatchStatus.STARTING);
			this.jobRepository.update(partition);
			return true;
		}));
		if (handedOn) {
			logger.warn("Partition {} of execution {}: {}; handing it on to another worker", running.stepExecutionId(),
					job, died);
			send(running.stepExecutionId());
		}
	}

	/**
	 * Claims a waiting partition for the manager, then ends it FAILED or STOPPED, unless a worker took it meanwhile: a
	 * worker that takes its request later drops it.
	 */
	private void claimAndEnd(long job, long partition, BatchStatus status, String why) {
		if (this.workers.claimForManager(partition, job) || this.workers.takeBackForManager(partition)) {
			end(partition, status, why);
		}
	}

	/** Takes a partition back from the worker that no longer runs it and ends it, in one transaction. */
	private void takeBackAndEnd(Workers.RunningPartition running, BatchStatus status, String why) {
		this.transactions.executeWithoutResult((transaction) -> {
			this.workers.waitForLocksAtMost(this.properties.heartbeat());
			if (this.workers.takeBack(running.stepExecutionId(), running.workerId())
					&& !end(running.stepExecutionId(), status, why)) {
				transaction.setRollbackOnly(); // its worker ended it just now
			}
		});
	}

	/**
	 * Sends a partition's request again. A failure is only logged: the partition then waits with no request, and the
	 * watch sends it once more, or fails it, when it has waited {@code fanout.remote.no-worker-wait}.
	 */
	private void send(long partition) {
		try {
			this.requests.send(new StepExecutionRequest(this.workerStep, partition));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not send the request of partition {} again: {}", partition, ex.getMessage());
		}
	}

	/** Ends a partition nobody runs, FAILED or STOPPED, saying why; {@code false} if it had ended already. */
	private boolean end(long stepExecutionId, BatchStatus status, String why) {
		StepExecution partition = this.jobRepository.getStepExecution(stepExecutionId);
		if (partition == null || !partition.getStatus().isRunning()) {
			return false;
		}
		partition.setStatus(status);
		partition.setExitStatus(new ExitStatus(status.name()).addExitDescription(why));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
		return true;
	}

}
