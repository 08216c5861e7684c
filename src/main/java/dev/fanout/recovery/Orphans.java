package dev.fanout.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import dev.fanout.batch.OrphanedExecutions;

/**
 * Tells orphaned executions from live ones, and recovers orphans. A running execution is orphaned when its owner
 * process on this host is gone, when the heartbeat of an owner on another host is older than the orphan timeout, or
 * when it has no owner record and started longer ago than the timeout. On this host the process table decides: a
 * live owner whose heartbeat is late (suspended with Ctrl-Z, stalled) is never called orphaned.
 */
@Component
public class Orphans implements OrphanedExecutions {

	private static final String RECOVERED = "Recovered: its process ended without recording how the execution ended";

	/** Tries to write a recovery over an execution, or a step, that another process changed meanwhile. */
	private static final int RECOVERY_ATTEMPTS = 3;

	private static final Ownership UNKNOWN_END = new Ownership(Ownership.State.ORPHANED,
			"it ended UNKNOWN: its process could not record how it ended", null);

	private final ExecutionOwners owners;

	private final JobRepository jobRepository;

	private final RecoveryProperties properties;

	/** This process's claims, to judge the owner records that name this process; none without a context. */
	private final @Nullable Heartbeat heartbeat;

	/** Workers' claims on partitions, taken back by a recovery; none without a context (reads only). */
	private final @Nullable PartitionClaims partitionClaims;

	public Orphans(ExecutionOwners owners, JobRepository jobRepository, RecoveryProperties properties) {
		this(owners, jobRepository, properties, null, null);
	}

	public Orphans(ExecutionOwners owners, JobRepository jobRepository, RecoveryProperties properties,
			@Nullable Heartbeat heartbeat) {
		this(owners, jobRepository, properties, heartbeat, null);
	}

	@Autowired
	public Orphans(ExecutionOwners owners, JobRepository jobRepository, RecoveryProperties properties,
			@Nullable Heartbeat heartbeat, @Nullable PartitionClaims partitionClaims) {
		this.owners = owners;
		this.jobRepository = jobRepository;
		this.properties = properties;
		this.heartbeat = heartbeat;
		this.partitionClaims = partitionClaims;
	}

	/**
	 * Whether the repository says the execution runs: its status, or one of its steps, which a process that exited
	 * in the middle of a stop leaves STARTED under a STOPPED execution.
	 */
	public static boolean leftRunning(JobExecution execution) {
		return execution.getStatus().isRunning()
				|| execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning());
	}

	/**
	 * Whether the execution must be recovered before its instance can run again: it was left running, or it ended
	 * UNKNOWN (its process could not record how it ended), which Spring Batch neither restarts nor recovers.
	 */
	public static boolean needsRecovery(JobExecution execution) {
		return leftRunning(execution) || execution.getStatus() == BatchStatus.UNKNOWN;
	}

	public Ownership of(JobExecution execution) {
		return of(List.of(execution)).get(execution.getId());
	}

	/**
	 * The ownership of each execution, by id, reading the owner table once. An execution its launch has created but
	 * not yet recorded on its claim is judged by that claim: the claim of its instance, still without an execution.
	 */
	public Map<Long, Ownership> of(Collection<JobExecution> executions) {
		boolean anyRunning = executions.stream().anyMatch(Orphans::needsRecovery);
		List<OwnerRecord> records = anyRunning ? this.owners.all() : List.of();
		Map<Long, OwnerRecord> byExecution = records.stream()
			.filter((owner) -> owner.executionId() != null)
			.collect(Collectors.toMap(OwnerRecord::executionId, Function.identity(), (a, b) -> a));
		Map<String, OwnerRecord> claimsUnderWay = records.stream()
			.filter((owner) -> owner.executionId() == null)
			.collect(Collectors.toMap((owner) -> owner.jobName() + "/" + owner.jobKey(), Function.identity(),
					(a, b) -> a));
		return executions.stream()
			.collect(Collectors.toMap(JobExecution::getId,
					(e) -> judge(e, ownerOf(e, byExecution, claimsUnderWay)), (a, b) -> a));
	}

	private static @Nullable OwnerRecord ownerOf(JobExecution execution, Map<Long, OwnerRecord> byExecution,
			Map<String, OwnerRecord> claimsUnderWay) {
		OwnerRecord owner = byExecution.get(execution.getId());
		if (owner != null || claimsUnderWay.isEmpty() || !leftRunning(execution)) {
			return owner; // an ended execution is judged without its owner: no key to compute
		}
		return claimsUnderWay.get(execution.getJobInstance().getJobName() + "/"
				+ ExecutionClaims.instanceKey(execution.getJobParameters()));
	}

	/** Every orphaned execution of every job, oldest first. */
	public List<JobExecution> all() {
		Map<Long, JobExecution> candidates = new TreeMap<>();
		for (String job : this.jobRepository.getJobNames()) {
			this.jobRepository.findRunningJobExecutions(job).forEach((e) -> candidates.put(e.getId(), e));
		}
		// An execution STOPPED with steps left STARTED is found through the owner record its dead process left; one
		// that ended UNKNOWN through its status.
		List<Long> others = new ArrayList<>();
		this.owners.all().stream().map(OwnerRecord::executionId).filter(Objects::nonNull).forEach(others::add);
		others.addAll(this.owners.unknownExecutions());
		for (long id : others) {
			if (!candidates.containsKey(id)) {
				JobExecution execution = execution(id);
				if (execution != null && needsRecovery(execution)) {
					candidates.put(execution.getId(), execution);
				}
			}
		}
		List<JobExecution> running = List.copyOf(candidates.values());
		Map<Long, Ownership> ownership = of(running);
		return running.stream().filter((e) -> ownership.get(e.getId()).orphaned()).toList();
	}

	/**
	 * The execution with this id, or {@code null} if there is none. Any other failure (a lock or pool timeout) says
	 * nothing about the execution: it propagates.
	 */
	@Nullable JobExecution execution(long id) {
		try {
			return this.jobRepository.getJobExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			return null; // Spring Batch 6.0.4 throws this for an unknown id instead of returning null
		}
	}

	@Override
	public boolean recoverIfOrphaned(JobExecution execution) {
		if (!needsRecovery(execution) || !of(execution).orphaned()) {
			return false;
		}
		return recover(execution);
	}

	/**
	 * Marks the execution and its running steps FAILED so that its instance can be restarted, ending them at their
	 * last sign of life, and deletes its owner record. The claims of workers on its partitions are taken back first
	 * ({@link PartitionClaims}). Unlike {@code JobOperator.recover}, which returns silently for an execution that ended
	 * UNKNOWN, this recovers those too, and checks that the repository says FAILED after it.
	 * <p>
	 * The caller's copy may be older than its verdict: an execution that ends, and whose process deletes its owner
	 * record, between the read of the execution and that of the owner records, looks orphaned as read. So the
	 * execution and each step are read again before they are failed, and the execution's row is written only if it has
	 * not changed since ({@link ExecutionOwners#markRecovered}): Spring Batch's update would take the row's new version
	 * and keep the higher status, writing FAILED over COMPLETED. Callers check that its owner is not alive first.
	 * @return whether it recovered it; {@code false} when the repository says it no longer needs recovering (it ended
	 * meanwhile), and then nothing was written
	 * @throws IllegalStateException if the repository does not say FAILED afterwards
	 */
	public boolean recover(JobExecution execution) {
		JobExecution current = execution(execution.getId());
		if (current == null || !needsRecovery(current)) {
			return false;
		}
		if (this.partitionClaims != null) {
			// First: a worker that still runs a partition of it writes nothing more of it from here on.
			this.partitionClaims.takeBackForRecovery(execution.getId());
		}
		LocalDateTime lastSign = lastSignOfLife(current);
		ExitStatus recovered = ExitStatus.FAILED.addExitDescription(RECOVERED);
		for (StepExecution step : current.getStepExecutions()) {
			if (leftUnfinished(step)) {
				failStep(step.getId(), recovered, lastSign, execution);
			}
		}
		for (int attempt = 1; !this.owners.markRecovered(current, recovered, lastSign); attempt++) {
			current = execution(execution.getId());
			if (current == null || !needsRecovery(current)) {
				return false; // it ended meanwhile
			}
			if (attempt == RECOVERY_ATTEMPTS) {
				throw new IllegalStateException("execution %d kept changing while it was recovered; try again"
					.formatted(execution.getId()));
			}
		}
		execution.setStatus(BatchStatus.FAILED); // the caller's copy says so too
		execution.setExitStatus(recovered);
		execution.setEndTime(lastSign);
		execution.setVersion(current.getVersion() + 1);
		this.owners.deleteForExecution(execution.getId());
		BatchStatus now = this.jobRepository.getJobExecution(execution.getId()).getStatus();
		if (now != BatchStatus.FAILED) {
			throw new IllegalStateException("execution %d is still %s after its recovery".formatted(execution.getId(), now));
		}
		return true;
	}

	/**
	 * Fails a step left unfinished, read again first: a worker may have committed a chunk of it since it was read (its
	 * row's version moved), or it may have ended, on a worker that went on without its manager or in a process that was
	 * ending the execution as it was judged orphaned.
	 */
	private void failStep(long id, ExitStatus recovered, LocalDateTime lastSign, JobExecution callers) {
		for (int attempt = 1;; attempt++) {
			StepExecution current = stepExecution(id);
			if (current == null || !leftUnfinished(current)) {
				return;
			}
			current.setStatus(BatchStatus.FAILED);
			current.setExitStatus(recovered);
			current.setEndTime(lastSign);
			try {
				this.jobRepository.update(current);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == RECOVERY_ATTEMPTS) {
					throw ex;
				}
				continue; // it changed after it was read again: read once more
			}
			callers.getStepExecutions().stream().filter((step) -> step.getId() == id).forEach((step) -> {
				step.setStatus(BatchStatus.FAILED); // the caller's copy says so too
				step.setExitStatus(recovered);
				step.setEndTime(lastSign);
			});
			return;
		}
	}

	private static boolean leftUnfinished(StepExecution step) {
		return step.getStatus().isRunning() || step.getStatus() == BatchStatus.UNKNOWN;
	}

	private @Nullable StepExecution stepExecution(long id) {
		try {
			return this.jobRepository.getStepExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	/** When it was last seen running: its or its steps' last update, never later than now. */
	public static LocalDateTime lastSignOfLife(JobExecution execution) {
		LocalDateTime last = Objects.requireNonNullElse(execution.getLastUpdated(),
				Objects.requireNonNullElse(execution.getStartTime(), execution.getCreateTime()));
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getLastUpdated() != null && step.getLastUpdated().isAfter(last)) {
				last = step.getLastUpdated();
			}
		}
		LocalDateTime now = LocalDateTime.now();
		return last.isAfter(now) ? now : last;
	}

	Ownership judge(JobExecution execution, @Nullable OwnerRecord owner) {
		if (!leftRunning(execution)) {
			return (execution.getStatus() == BatchStatus.UNKNOWN) ? UNKNOWN_END : Ownership.ENDED;
		}
		if (owner == null && !execution.getStatus().isRunning()) {
			// Steps left running under a job whose end was written (UNKNOWN, when the repository failed under the
			// steps' ends) and whose launch let its claim go: the launch is over, not starting.
			return (execution.getStatus() == BatchStatus.UNKNOWN) ? UNKNOWN_END
					: orphaned("it ended %s with steps left running, and its process let it go", execution.getStatus());
		}
		return judge(owner, Objects.requireNonNullElse(execution.getStartTime(), execution.getCreateTime()));
	}

	/** The ownership of a running execution (or a claim still creating one) started at {@code started}. */
	Ownership judge(@Nullable OwnerRecord owner, LocalDateTime started) {
		Duration timeout = this.properties.orphanTimeout();
		if (owner == null) {
			Duration age = Duration.between(started, LocalDateTime.now());
			return (age.compareTo(timeout) > 0)
					? orphaned("no owner recorded and started %s ago (before owner records existed, or its process "
							+ "died as it started)", readable(age))
					: new Ownership(Ownership.State.ALIVE, "starting; no owner recorded yet", null);
		}
		ProcessIdentity process = owner.process();
		String heartbeat = readable(owner.heartbeatAge());
		if (process.isThisProcess() && this.heartbeat != null
				&& this.heartbeat.leftBehindClaim(owner.jobName() + "/" + owner.jobKey())) {
			// Only this process knows: the process table says it is alive, and 'serve' lives on.
			return new Ownership(Ownership.State.ORPHANED, ("its %s no longer runs it: the launch there ended "
					+ "without recording how (the job repository failed)").formatted(process), owner);
		}
		if (process.onThisHost()) {
			if (!process.isAlive()) {
				return new Ownership(Ownership.State.ORPHANED, "its %s is gone".formatted(process), owner);
			}
			String late = (owner.heartbeatAge().compareTo(timeout) > 0) ? ", suspended or stalled" : "";
			return new Ownership(Ownership.State.ALIVE,
					"running in %s (heartbeat %s ago%s)".formatted(process, heartbeat, late), owner);
		}
		if (owner.heartbeatAge().compareTo(timeout) > 0) {
			return new Ownership(Ownership.State.ORPHANED,
					"no heartbeat from its %s for %s".formatted(process, heartbeat), owner);
		}
		return new Ownership(Ownership.State.ALIVE, "running in %s (heartbeat %s ago)".formatted(process, heartbeat),
				owner);
	}

	/** {@code 3 s}, {@code 4 min}, {@code 2 h}: ages of heartbeats and starts. */
	static String readable(Duration age) {
		long seconds = Math.max(age.toSeconds(), 0);
		return (seconds < 120) ? seconds + " s" : (seconds < 7200) ? seconds / 60 + " min" : seconds / 3600 + " h";
	}

	private static Ownership orphaned(String format, Object... arguments) {
		return new Ownership(Ownership.State.ORPHANED, format.formatted(arguments), null);
	}

}
