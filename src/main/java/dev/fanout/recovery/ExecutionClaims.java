package dev.fanout.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobKeyGenerator;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.dao.DataAccessException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Claims of job instances by this process. A launch claims its instance (an owner row keyed like the instance) before
 * Spring Batch creates the execution: Spring Batch checks for a running execution and creates one in separate
 * transactions, so two processes restarting one instance at the same moment would otherwise both run it. The primary
 * key lets exactly one claim in; the other launch is refused with the holder's identity.
 * <p>
 * Thread safety: launch and job threads claim and release at once; {@link #claimedByListener} and {@link #open} are
 * concurrent, and the rows themselves are guarded by the owner table's primary key.
 */
@Component
public class ExecutionClaims {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionClaims.class);

	private static final JobKeyGenerator KEYS = new DefaultJobKeyGenerator();

	private static final int ATTEMPTS = 3;

	/**
	 * How long a claim waits for this process's own launch of the instance to release its claim, once that launch's
	 * execution has ended (it runs the job's listeners, then returns): moments, unless a listener hangs.
	 */
	static final Duration ENDING_LAUNCH_WAIT = Duration.ofSeconds(30);

	private final ExecutionOwners owners;

	private final Heartbeat heartbeat;

	private final Orphans orphans;

	/**
	 * Executions launched without a claim (not through the CLI), claimed by their listener, with their claim's latch
	 * (as in {@link #open}): a concurrent map.
	 */
	private final ConcurrentMap<Long, CountDownLatch> claimedByListener = new ConcurrentHashMap<>();

	/**
	 * The claims of this process's launches and listeners, by instance key ({@code job/key}), from their insert until
	 * their row and heartbeat are gone, when the claim's latch is counted down: a concurrent map, written by launch
	 * threads. A claim's release deletes this process's row of the instance, whichever launch wrote it, so no other
	 * launch of this process may replace the row before that.
	 */
	private final ConcurrentMap<String, CountDownLatch> open = new ConcurrentHashMap<>();

	private final Duration endingLaunchWait;

	@Autowired
	public ExecutionClaims(ExecutionOwners owners, Heartbeat heartbeat, Orphans orphans) {
		this(owners, heartbeat, orphans, ENDING_LAUNCH_WAIT);
	}

	ExecutionClaims(ExecutionOwners owners, Heartbeat heartbeat, Orphans orphans, Duration endingLaunchWait) {
		this.owners = owners;
		this.heartbeat = heartbeat;
		this.orphans = orphans;
		this.endingLaunchWait = endingLaunchWait;
	}

	/**
	 * A claim of one job instance by this process; closing it releases the claim.
	 * @param released counted down once the claim is released
	 */
	public record Claim(String jobName, String jobKey, ExecutionClaims claims,
			CountDownLatch released) implements AutoCloseable {

		public Claim(String jobName, String jobKey, ExecutionClaims claims) {
			this(jobName, jobKey, claims, new CountDownLatch(1));
		}

		@Override
		public void close() {
			try {
				this.claims.release(this.jobName, this.jobKey);
			}
			finally {
				this.claims.open.remove(this.jobName + "/" + this.jobKey, this.released);
				this.released.countDown();
			}
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
				Claim claim = new Claim(jobName, key, this);
				this.open.put(jobName + "/" + key, claim.released());
				this.heartbeat.claimed(jobName + "/" + key);
				return claim;
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
			CountDownLatch ending = holder.process().isThisProcess() ? this.open.get(jobName + "/" + key) : null;
			if (ending != null) {
				// This process's own launch of the instance: its execution has ended (Spring Batch records the end
				// before the job's listeners run), and the launch releases the claim when it returns. Replaced now,
				// its release would delete this claim's row and heartbeat, and the restart would run unowned, for
				// any process to take as orphaned. Waited for instead.
				awaitRelease(ending, holder);
				continue;
			}
			logger.info("Replacing the stale claim of {} by {}", jobName, holder.process());
			this.owners.deleteStale(holder);
		}
		throw new ClaimRefusedException(holder, ownershipOf(holder));
	}

	/** Waits until this process's ending launch has released its claim, or refuses the claim after the wait. */
	private void awaitRelease(CountDownLatch ending, OwnerRecord holder) {
		try {
			if (ending.await(this.endingLaunchWait.toNanos(), TimeUnit.NANOSECONDS)) {
				return;
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		throw new ClaimRefusedException(holder, new Ownership(Ownership.State.ALIVE,
				"its launch in %s is still ending".formatted(holder.process()), holder));
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
			CountDownLatch released = new CountDownLatch(1);
			this.claimedByListener.put(execution.getId(), released);
			this.open.put(job + "/" + key, released);
			this.heartbeat.attached(job + "/" + key, execution.getId());
		}
		else {
			logger.warn("Execution {} of {} runs without an owner record: another process holds its instance",
					execution.getId(), job);
		}
	}

	/** Releases a claim the listener made; a launch's own claim is released when its launch returns. */
	void ended(JobExecution execution) {
		CountDownLatch released = this.claimedByListener.remove(execution.getId());
		if (released != null) {
			String job = execution.getJobInstance().getJobName();
			String key = KEYS.generateKey(execution.getJobParameters());
			try {
				release(job, key);
			}
			finally {
				this.open.remove(job + "/" + key, released);
				released.countDown();
			}
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
