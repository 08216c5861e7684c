package dev.fanout.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.partition.StepExecutionSplitter;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.dao.OptimisticLockingFailureException;

/**
 * Runs a remote partition handler while a watcher thread looks after the partitions that would otherwise keep the
 * manager polling forever:
 * <ul>
 * <li>When no worker has taken any within {@code fanout.remote.no-worker-wait}, it fails them all (the manager claims
 * them first, so a worker that starts later drops their requests).</li>
 * <li>A running partition whose worker's heartbeat, or whose claim's (refreshed by the worker's heartbeat for as long
 * as it runs the partition: an error may end its run without recording its end), is older than
 * {@code fanout.remote.worker-timeout} is handed on:
 * set back to STARTING, its claim released and its request sent again, so that another worker takes it over and
 * resumes it after its last committed chunk, in the same execution. Writing the step execution moves its version on,
 * which fences the old worker should it be alive after all: its next chunk's commit fails on the version and rolls
 * back with everything the chunk wrote. After {@code fanout.remote.hand-ons} hand-ons, or with no live worker to take
 * it, the partition fails instead, naming the worker; {@code restart} resumes it.</li>
 * </ul>
 * The handler's poll sees failed partitions ended and the step fails.
 * <p>
 * What guards what: the watcher thread only writes through the repository and the broker, which the handler's thread
 * reads back by polling; the two share no memory.
 */
class WatchedPartitionHandler implements PartitionHandler {

	private static final Logger logger = LoggerFactory.getLogger(WatchedPartitionHandler.class);

	static final String NO_WORKER = "no worker took the partitions: start `fanout worker`";

	private final PartitionHandler handler;

	private final String workerStep;

	private final Workers workers;

	private final JobRepository jobRepository;

	private final RemoteProperties properties;

	/** Sends a partition's request to the workers again. */
	private final Consumer<StepExecutionRequest> requests;

	WatchedPartitionHandler(PartitionHandler handler, String workerStep, Workers workers, JobRepository jobRepository,
			RemoteProperties properties, Consumer<StepExecutionRequest> requests) {
		this.handler = handler;
		this.workerStep = workerStep;
		this.workers = workers;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.requests = requests;
	}

	@Override
	public Collection<StepExecution> handle(StepExecutionSplitter splitter, StepExecution manager) throws Exception {
		long job = manager.getJobExecutionId();
		ScheduledExecutorService watcher = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fanout-partition-watch").factory());
		try {
			long wait = this.properties.noWorkerWait().toMillis();
			watcher.schedule(() -> failIfNoWorker(job), wait, TimeUnit.MILLISECONDS);
			long period = this.properties.heartbeat().toMillis();
			watcher.scheduleWithFixedDelay(() -> replaceDeadWorkers(job), period, period, TimeUnit.MILLISECONDS);
			Collection<StepExecution> partitions = this.handler.handle(splitter, manager);
			failOnFailedPartitions(partitions);
			return partitions;
		}
		finally {
			watcher.shutdownNow();
		}
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

	}

	/** Runs on the watcher thread: must not throw. */
	private void failIfNoWorker(long job) {
		try {
			if (this.workers.anyTaken(job, this.workerStep)) {
				return;
			}
			List<Long> waiting = this.workers.waiting(job, this.workerStep);
			logger.warn("No worker took any of the {} partitions of {} in execution {} within {}: failing them",
					waiting.size(), this.workerStep, job, this.properties.noWorkerWait());
			for (long partition : waiting) {
				if (this.workers.claimForManager(partition, job)) {
					fail(partition, NO_WORKER);
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check whether a worker took the partitions of execution {}", job, ex);
		}
	}

	/** Runs on the watcher thread (tests call it on theirs): must not throw. */
	void replaceDeadWorkers(long job) {
		try {
			Duration timeout = this.properties.workerTimeout();
			for (Workers.RunningPartition running : this.workers.running(job, this.workerStep)) {
				if (running.abandoned(timeout)) {
					handOnOrFail(job, running);
				}
			}
			for (long waiting : this.workers.handedOn(job, this.workerStep)) {
				if (this.workers.live().isEmpty() && this.workers.takeBackForManager(waiting)) {
					fail(waiting, "its worker died and no live worker is left to take it over: start `fanout worker`, "
							+ "then 'fanout restart' resumes it after its last committed chunk");
				}
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the workers of execution {}", job, ex);
		}
	}

	private void handOnOrFail(long job, Workers.RunningPartition running) {
		String died = (running.workerLive(this.properties.workerTimeout())
				? "worker process %d on %s no longer runs the partition, whose end it could not record (see its log)"
				: "worker process %d on %s stopped heartbeating while running the partition")
			.formatted(running.pid(), running.host());
		boolean exhausted = running.handOns() >= this.properties.handOns();
		if (exhausted || this.workers.live().isEmpty()) {
			String why = died + (!exhausted ? " and no live worker is left to take it over"
					: (running.handOns() > 0) ? " (handed on %d time%s already)".formatted(running.handOns(),
							(running.handOns() == 1) ? "" : "s") : "")
					+ "; 'fanout restart' resumes it after its last committed chunk";
			logger.warn("Partition {} of execution {}: {}", running.stepExecutionId(), job, why);
			fail(running.stepExecutionId(), why);
			return;
		}
		StepExecution partition = this.jobRepository.getStepExecution(running.stepExecutionId());
		if (partition == null || !partition.getStatus().isRunning()) {
			return;
		}
		// First the step execution: its new version fences the old worker, should it be alive after all.
		partition.setStatus(BatchStatus.STARTING);
		try {
			this.jobRepository.update(partition);
		}
		catch (OptimisticLockingFailureException ex) {
			logger.info("Partition {} of execution {}: its worker wrote it just now; not handing it on",
					running.stepExecutionId(), job);
			return;
		}
		if (this.workers.handOn(running.stepExecutionId(), running.workerId())) {
			logger.warn("Partition {} of execution {}: {}; handing it on to another worker", running.stepExecutionId(),
					job, died);
			this.requests.accept(new StepExecutionRequest(running.stepName().substring(0,
					running.stepName().indexOf(':')), running.stepExecutionId()));
		}
	}

	private void fail(long stepExecutionId, String why) {
		StepExecution partition = this.jobRepository.getStepExecution(stepExecutionId);
		if (partition == null || !partition.getStatus().isRunning()) {
			return;
		}
		partition.setStatus(BatchStatus.FAILED);
		partition.setExitStatus(ExitStatus.FAILED.addExitDescription(why));
		partition.setEndTime(LocalDateTime.now());
		this.jobRepository.update(partition);
	}

}
