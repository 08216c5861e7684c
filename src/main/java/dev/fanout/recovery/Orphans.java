package dev.fanout.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Tells orphaned executions from live ones, and recovers orphans. A running execution is orphaned when its owner
 * process on this host is gone, when the heartbeat of an owner on another host is older than the orphan timeout, or
 * when it has no owner record and started longer ago than the timeout. On this host the process table decides: a
 * live owner whose heartbeat is late (suspended with Ctrl-Z, stalled) is never called orphaned.
 */
@Component
public class Orphans {

	private final ExecutionOwners owners;

	private final JobRepository jobRepository;

	private final JobOperator jobOperator;

	private final RecoveryProperties properties;

	public Orphans(ExecutionOwners owners, JobRepository jobRepository, JobOperator jobOperator,
			RecoveryProperties properties) {
		this.owners = owners;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.properties = properties;
	}

	/**
	 * Whether the repository says the execution runs: its status, or one of its steps, which a process that exited
	 * in the middle of a stop leaves STARTED under a STOPPED execution.
	 */
	public static boolean leftRunning(JobExecution execution) {
		return execution.getStatus().isRunning()
				|| execution.getStepExecutions().stream().anyMatch((step) -> step.getStatus().isRunning());
	}

	public Ownership of(JobExecution execution) {
		return of(List.of(execution)).get(execution.getId());
	}

	/** The ownership of each execution, by id, reading the owner table once. */
	public Map<Long, Ownership> of(Collection<JobExecution> executions) {
		boolean anyRunning = executions.stream().anyMatch(Orphans::leftRunning);
		Map<Long, OwnerRecord> byExecution = !anyRunning ? Map.of()
				: this.owners.all()
					.stream()
					.filter((owner) -> owner.executionId() != null)
					.collect(Collectors.toMap(OwnerRecord::executionId, Function.identity(), (a, b) -> a));
		return executions.stream()
			.collect(Collectors.toMap(JobExecution::getId, (e) -> judge(e, byExecution.get(e.getId())), (a, b) -> a));
	}

	/** Every orphaned execution of every job, oldest first. */
	public List<JobExecution> all() {
		Map<Long, JobExecution> candidates = new TreeMap<>();
		for (String job : this.jobRepository.getJobNames()) {
			this.jobRepository.findRunningJobExecutions(job).forEach((e) -> candidates.put(e.getId(), e));
		}
		// An execution STOPPED with steps left STARTED is found through the owner record its dead process left.
		for (OwnerRecord owner : this.owners.all()) {
			if (owner.executionId() != null && !candidates.containsKey(owner.executionId())) {
				JobExecution execution = execution(owner.executionId());
				if (execution != null && leftRunning(execution)) {
					candidates.put(execution.getId(), execution);
				}
			}
		}
		List<JobExecution> running = List.copyOf(candidates.values());
		Map<Long, Ownership> ownership = of(running);
		return running.stream().filter((e) -> ownership.get(e.getId()).orphaned()).toList();
	}

	private @Nullable JobExecution execution(long id) {
		try {
			return this.jobRepository.getJobExecution(id);
		}
		catch (DataAccessException ex) {
			return null; // Spring Batch 6.0.4 throws for an unknown id instead of returning null
		}
	}

	/**
	 * Marks the execution and its running steps FAILED ({@link JobOperator#recover}) so that its instance can be
	 * restarted, and deletes its owner record. Callers check that its owner is not alive first.
	 */
	public void recover(JobExecution execution) {
		this.jobOperator.recover(execution);
		this.owners.deleteForExecution(execution.getId());
	}

	Ownership judge(JobExecution execution, @Nullable OwnerRecord owner) {
		if (!leftRunning(execution)) {
			return Ownership.ENDED;
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
