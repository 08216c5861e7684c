package dev.fanout.recovery;

import java.time.LocalDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessException;
import org.springframework.stereotype.Component;

/**
 * Claims of job instances by this process. A launch claims its instance (an owner row keyed like the instance) before
 * Spring Batch creates the execution: Spring Batch checks for a running execution and creates one in separate
 * transactions, so two processes restarting one instance at the same moment would otherwise both run it. The primary
 * key lets exactly one claim in; the other launch is refused with the holder's identity.
 */
@Component
public class ExecutionClaims {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionClaims.class);

	private static final JobKeyGenerator KEYS = new DefaultJobKeyGenerator();

	private static final int ATTEMPTS = 3;

	private final ExecutionOwners owners;

	private final Heartbeat heartbeat;

	private final Orphans orphans;

	/** Executions launched without a claim (not through the CLI), claimed by their listener: a concurrent set. */
	private final Set<Long> claimedByListener = ConcurrentHashMap.newKeySet();

	public ExecutionClaims(ExecutionOwners owners, Heartbeat heartbeat, Orphans orphans) {
		this.owners = owners;
		this.heartbeat = heartbeat;
		this.orphans = orphans;
	}

	/** A claim of one job instance by this process; closing it releases the claim. */
	public record Claim(String jobName, String jobKey, ExecutionClaims claims) implements AutoCloseable {

		@Override
		public void close() {
			this.claims.release(this.jobName, this.jobKey);
		}

	}

	/**
	 * Claims the instance of {@code jobName} with these parameters for this process, replacing a claim left by a
	 * launch whose process died before it created its execution, or by an execution that has ended.
	 * @throws ClaimRefusedException when another owner holds the instance
	 */
	public Claim claim(String jobName, JobParameters parameters) {
		String key = KEYS.generateKey(parameters);
		OwnerRecord holder = null;
		for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
			if (this.owners.insert(jobName, key, null)) {
				this.heartbeat.claimed(jobName + "/" + key);
				return new Claim(jobName, key, this);
			}
			Optional<OwnerRecord> current = this.owners.byKey(jobName, key);
			if (current.isEmpty()) {
				continue;
			}
			holder = current.get();
			Ownership ownership = ownershipOf(holder);
			if (ownership.alive() || (ownership.orphaned() && holder.executionId() != null && isRunning(holder))) {
				throw new ClaimRefusedException(holder, ownership);
			}
			logger.info("Replacing the stale claim of {} by {}", jobName, holder.process());
			this.owners.deleteStale(holder);
		}
		throw new ClaimRefusedException(holder, ownershipOf(holder));
	}

	/** The ownership of a claim's holder: its execution's, or while it has none, its process's. */
	private Ownership ownershipOf(OwnerRecord holder) {
		if (holder.executionId() == null) {
			return this.orphans.judge(holder, LocalDateTime.now());
		}
		JobExecution execution = this.orphans.execution(holder.executionId());
		return (execution != null) ? this.orphans.judge(execution, holder) : Ownership.ENDED;
	}

	private boolean isRunning(OwnerRecord holder) {
		JobExecution execution = this.orphans.execution(holder.executionId());
		return execution != null && Orphans.leftRunning(execution);
	}

	/** The key of a claim: the key of the job instance these parameters identify. */
	static String instanceKey(JobParameters parameters) {
		return KEYS.generateKey(parameters);
	}

	/** Records the execution on this process's claim (or claims its instance now, for a launch without one). */
	void attach(JobExecution execution) {
		String job = execution.getJobInstance().getJobName();
		String key = KEYS.generateKey(execution.getJobParameters());
		if (this.owners.attach(job, key, execution.getId())) {
			this.heartbeat.attached(job + "/" + key, execution.getId());
		}
		else if (this.owners.insert(job, key, execution.getId())) {
			this.claimedByListener.add(execution.getId());
			this.heartbeat.attached(job + "/" + key, execution.getId());
		}
		else {
			logger.warn("Execution {} of {} runs without an owner record: another process holds its instance",
					execution.getId(), job);
		}
	}

	/** Releases a claim the listener made; a launch's own claim is released when its launch returns. */
	void ended(JobExecution execution) {
		if (this.claimedByListener.remove(execution.getId())) {
			release(execution.getJobInstance().getJobName(), KEYS.generateKey(execution.getJobParameters()));
		}
	}

	private void release(String jobName, String jobKey) {
		String key = jobName + "/" + jobKey;
		Long execution = this.heartbeat.released(key);
		try {
			this.owners.deleteOwn(jobName, jobKey);
		}
		catch (DataAccessException ex) {
			// The row names this live process: without a note of it, every judge (this process's too) would call the
			// execution running here until the process exits, refusing to stop it for good, recover or restart it.
			this.heartbeat.leftBehind(key, execution);
			logger.warn("Could not delete the claim of {} by this process, which no longer runs it: {}", jobName,
					ex.getMessage());
			throw ex;
		}
	}

}
