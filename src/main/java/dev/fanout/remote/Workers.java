package dev.fanout.remote;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
import dev.fanout.recovery.PartitionClaims;
import dev.fanout.recovery.ProcessIdentity;

/**
 * The tables of remote workers, beside Spring Batch's: {@code FANOUT_WORKER} (live workers and their heartbeats) and
 * {@code FANOUT_PARTITION_WORKER} (which worker took each remote partition). Times are the database's, so heartbeats
 * of workers on different hosts compare without trusting their clocks. Plain JDBC, no broker: {@code fanout workers}
 * reads it in any process.
 */
@Component
public class Workers implements PartitionClaims {

	/** The worker id of the manager's own claim on partitions no worker took (see package-info). */
	static final String MANAGER = "manager";

	/** The worker id of a partition whose worker died, until another worker takes it over. */
	static final String HANDED_ON = "handed-on";

	/**
	 * The worker id of a partition the manager ended (failed or stopped) after its worker stopped running it; the row
	 * keeps that worker's host and pid.
	 */
	static final String TAKEN_BACK = "taken-back";

	/**
	 * The worker id of a partition whose execution was recovered (its manager died) while a worker held it, or waited
	 * for one, handed on; the row keeps that worker's host and pid.
	 */
	static final String RECOVERED = "recovered";

	private final JdbcTemplate jdbc;

	/** Spring Batch's step executions table, by its configured prefix. */
	private final String stepExecutions;

	/** Spring Batch's job executions table, by its configured prefix. */
	private final String jobExecutions;

	/** {@code fanout.remote.worker-timeout}: a worker whose heartbeat is older is not live. */
	private final Duration timeout;

	public Workers(DataSource dataSource, Environment environment) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.stepExecutions = BatchTables.prefix(environment) + "STEP_EXECUTION";
		this.jobExecutions = BatchTables.prefix(environment) + "JOB_EXECUTION";
		this.timeout = environment.getProperty("fanout.remote.worker-timeout", Duration.class, Duration.ofSeconds(15));
	}

	/** A worker process as {@code fanout workers} lists it; {@code heartbeatAge} is measured by the database. */
	public record Worker(String id, String host, long pid, int slots, OffsetDateTime started, Duration heartbeatAge) {

	}

	/** This process's worker id: unique per node (machine, boot, pid namespace) and process. */
	static String thisWorker() {
		ProcessIdentity me = ProcessIdentity.current();
		return me.node() + ":" + me.pid();
	}

	void register(int slots) {
		ProcessIdentity me = ProcessIdentity.current();
		// A row of a dead process that had the same pid on this node is replaced; rows of workers dead for a day go:
		// nothing reads them any more (their partitions were handed on long ago; claims keep their host and pid).
		this.jdbc.update("delete from FANOUT_WORKER where WORKER_ID = ? or HEARTBEAT < CURRENT_TIMESTAMP - INTERVAL "
				+ "'1' DAY", thisWorker());
		this.jdbc.update("insert into FANOUT_WORKER (WORKER_ID, HOST, NODE, PID, SLOTS, STARTED, HEARTBEAT) "
				+ "values (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", thisWorker(), me.host(), me.node(),
				me.pid(), slots);
	}

	/** Refreshes this worker's heartbeat; re-registers it if its row was deleted meanwhile. */
	void beat(int slots) {
		if (this.jdbc.update("update FANOUT_WORKER set HEARTBEAT = CURRENT_TIMESTAMP where WORKER_ID = ?",
				thisWorker()) == 0) {
			register(slots);
		}
	}

	void unregister() {
		this.jdbc.update("delete from FANOUT_WORKER where WORKER_ID = ?", thisWorker());
	}

	/** Every worker whose heartbeat is younger than {@code fanout.remote.worker-timeout}, oldest first. */
	public List<Worker> live() {
		return this.jdbc
			.query("select WORKER_ID, HOST, PID, SLOTS, STARTED, HEARTBEAT, CURRENT_TIMESTAMP as NOW from FANOUT_WORKER "
					+ "order by STARTED, WORKER_ID", (row, n) -> new Worker(row.getString("WORKER_ID"),
							row.getString("HOST"), row.getLong("PID"), row.getInt("SLOTS"),
							row.getObject("STARTED", OffsetDateTime.class),
							Duration.between(row.getObject("HEARTBEAT", OffsetDateTime.class),
									row.getObject("NOW", OffsetDateTime.class))))
			.stream()
			.filter((worker) -> worker.heartbeatAge().compareTo(this.timeout) < 0)
			.toList();
	}

	/**
	 * A worker's claim on a partition, held for as long as the partition's row names that worker and counts as many
	 * hand-ons as when it was taken: a hand-on counts one more, so a claim the same worker takes again after a hand-on
	 * is another claim.
	 */
	record Claim(long stepExecutionId, String workerId, int handOns) {

	}

	/**
	 * Claims a partition for this worker: a new one, or one handed on after its worker died; empty if a worker (or the
	 * manager) already has.
	 */
	Optional<Claim> claim(long stepExecutionId, long jobExecutionId) {
		ProcessIdentity me = ProcessIdentity.current();
		if (insertClaim(stepExecutionId, jobExecutionId, thisWorker(), me.host(), me.pid())) {
			return Optional.of(new Claim(stepExecutionId, thisWorker(), 0));
		}
		if (this.jdbc.update("update FANOUT_PARTITION_WORKER set WORKER_ID = ?, HOST = ?, PID = ?, CLAIMED = "
				+ "CURRENT_TIMESTAMP, BEAT = CURRENT_TIMESTAMP where STEP_EXECUTION_ID = ? and WORKER_ID = ?",
				thisWorker(), me.host(), me.pid(), stepExecutionId, HANDED_ON) == 0) {
			return Optional.empty();
		}
		// Read after taking it: should the manager take it back meanwhile, the claim read no longer holds.
		return this.jdbc
			.queryForList("select HAND_ONS from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ? and WORKER_ID = ?",
					Integer.class, stepExecutionId, thisWorker())
			.stream()
			.findFirst()
			.map((handOns) -> new Claim(stepExecutionId, thisWorker(), handOns));
	}

	/**
	 * Whether a worker still holds its claim, refreshing the claim's beat if so. Run in the transaction of a write of
	 * the partition, this locks the claim's row until that transaction ends: the manager cannot hand the partition on
	 * or end it between this check and the commit, and once it has, the check fails ({@link ClaimFence}).
	 */
	boolean holds(Claim claim) {
		return this.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = CURRENT_TIMESTAMP where STEP_EXECUTION_ID "
				+ "= ? and WORKER_ID = ? and HAND_ONS = ?", claim.stepExecutionId(), claim.workerId(),
				claim.handOns()) == 1;
	}

	/**
	 * Refreshes this worker's claims on the partitions it still runs; a claim it no longer refreshes is handed on by
	 * the manager once it is older than {@code fanout.remote.worker-timeout}, as a dead worker's is.
	 */
	void beatClaims(Collection<Long> stepExecutionIds) {
		if (stepExecutionIds.isEmpty()) {
			return;
		}
		List<Object> arguments = new ArrayList<>();
		arguments.add(thisWorker());
		arguments.addAll(stepExecutionIds);
		this.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = CURRENT_TIMESTAMP where WORKER_ID = ? and "
				+ "STEP_EXECUTION_ID in (" + String.join(", ", Collections.nCopies(stepExecutionIds.size(), "?"))
				+ ")", arguments.toArray());
	}

	/**
	 * Releases a dead worker's claim so that another worker can take the partition over, counting the hand-on;
	 * {@code false} if the claim is no longer that worker's.
	 */
	boolean handOn(long stepExecutionId, String deadWorker) {
		return this.jdbc.update("update FANOUT_PARTITION_WORKER set WORKER_ID = ?, HAND_ONS = HAND_ONS + 1 where "
				+ "STEP_EXECUTION_ID = ? and WORKER_ID = ?", HANDED_ON, stepExecutionId, deadWorker) == 1;
	}

	/**
	 * Bounds how long the statements of the transaction in progress wait for a row lock. A worker paused inside a
	 * write of its partition holds its claim's row until it wakes ({@link #holds}); the manager's watch gives up
	 * taking the claim then, and tries again at its next check, instead of waiting with it.
	 */
	void waitForLocksAtMost(Duration wait) {
		this.jdbc.execute("set local lock_timeout = " + Math.max(1, wait.toMillis()));
	}

	/**
	 * Takes a partition back from a worker that no longer runs it, for the manager to end it; {@code false} if the
	 * claim is no longer that worker's.
	 */
	boolean takeBack(long stepExecutionId, String worker) {
		return this.jdbc.update("update FANOUT_PARTITION_WORKER set WORKER_ID = ? where STEP_EXECUTION_ID = ? and "
				+ "WORKER_ID = ?", TAKEN_BACK, stepExecutionId, worker) == 1;
	}

	@Override
	public int takeBackForRecovery(long jobExecutionId) {
		// The update waits for the lock that a worker's fenced write holds on its claim's row (holds), so that write
		// commits first, and every later one fails: the worker gives the partition up.
		return this.jdbc.update("update FANOUT_PARTITION_WORKER set WORKER_ID = ? where JOB_EXECUTION_ID = ? and "
				+ "WORKER_ID not in (?, ?, ?)", RECOVERED, jobExecutionId, MANAGER, TAKEN_BACK, RECOVERED);
	}

	/** Whether a recovery of its execution took the partition back ({@link #takeBackForRecovery}). */
	boolean recovered(long stepExecutionId) {
		return !this.jdbc.queryForList("select 1 from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ? and "
				+ "WORKER_ID = ?", Integer.class, stepExecutionId, RECOVERED).isEmpty();
	}

	/** Takes a handed-on partition back for the manager, to fail it; {@code false} if a worker took it meanwhile. */
	boolean takeBackForManager(long stepExecutionId) {
		return this.jdbc.update("update FANOUT_PARTITION_WORKER set WORKER_ID = ? where STEP_EXECUTION_ID = ? and "
				+ "WORKER_ID = ?", MANAGER, stepExecutionId, HANDED_ON) == 1;
	}

	/** The partitions of a manager step that were handed on and that no worker has taken over yet. */
	List<Long> handedOn(long jobExecutionId, String workerStep) {
		return this.jdbc.queryForList("select s.STEP_EXECUTION_ID from " + this.stepExecutions + " s join "
				+ "FANOUT_PARTITION_WORKER w on w.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID where s.JOB_EXECUTION_ID = ? "
				+ "and s.STEP_NAME like ? and s.STATUS = 'STARTING' and w.WORKER_ID = ?", Long.class, jobExecutionId,
				workerStep + ":%", HANDED_ON);
	}

	/** The manager's claim on a partition no worker took, so that no worker runs it after the manager failed it. */
	boolean claimForManager(long stepExecutionId, long jobExecutionId) {
		ProcessIdentity me = ProcessIdentity.current();
		return insertClaim(stepExecutionId, jobExecutionId, MANAGER, me.host(), me.pid());
	}

	private boolean insertClaim(long stepExecutionId, long jobExecutionId, String worker, String host, long pid) {
		try {
			this.jdbc.update("insert into FANOUT_PARTITION_WORKER (STEP_EXECUTION_ID, JOB_EXECUTION_ID, WORKER_ID, "
					+ "HOST, PID, CLAIMED, BEAT) values (?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
					stepExecutionId, jobExecutionId,
					worker, host, pid);
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Who claimed a partition, as a log line says it; {@code null} if nobody has. */
	@Nullable String claimer(long stepExecutionId) {
		return this.jdbc
			.query("select WORKER_ID, HOST, PID from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ?",
					(row, n) -> switch (row.getString("WORKER_ID")) {
						case MANAGER -> "the manager, as no worker took it";
						case HANDED_ON -> "nobody yet: handed on after worker process %d on %s died"
							.formatted(row.getLong("PID"), row.getString("HOST"));
						case TAKEN_BACK -> "worker process %d on %s, until it stopped running it"
							.formatted(row.getLong("PID"), row.getString("HOST"));
						case RECOVERED -> "worker process %d on %s, until its execution was recovered"
							.formatted(row.getLong("PID"), row.getString("HOST"));
						default -> "worker process " + row.getLong("PID") + " on " + row.getString("HOST");
					},
					stepExecutionId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	/** Whether someone asked this job execution to stop ({@code fanout stop} marks it STOPPING). */
	boolean stopping(long jobExecutionId) {
		String status = this.jdbc.queryForObject("select STATUS from " + this.jobExecutions
				+ " where JOB_EXECUTION_ID = ?", String.class, jobExecutionId);
		return "STOPPING".equals(status) || "STOPPED".equals(status);
	}

	/** The partitions of a manager step that wait for a worker: STARTING, claimed by nobody. */
	List<Long> waiting(long jobExecutionId, String workerStep) {
		return this.jdbc.queryForList("select s.STEP_EXECUTION_ID from " + this.stepExecutions + " s where "
				+ "s.JOB_EXECUTION_ID = ? and s.STEP_NAME like ? and s.STATUS = 'STARTING' and not exists (select 1 "
				+ "from FANOUT_PARTITION_WORKER w where w.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID)", Long.class,
				jobExecutionId, workerStep + ":%");
	}

	/**
	 * A running partition and the worker that took it: the age of the claim's last beat (null: a claim of a worker
	 * that does not beat its claims) and of that worker's heartbeat (null: no row), and how often it was handed on to
	 * another worker already.
	 */
	record RunningPartition(long stepExecutionId, String stepName, String workerId, String host, long pid,
			@Nullable Duration beatAge, @Nullable Duration heartbeatAge, int handOns) {

		/**
		 * Whether the worker that took it no longer runs it: its claim was not refreshed, or its worker stopped
		 * heartbeating, within {@code timeout}.
		 */
		boolean abandoned(Duration timeout) {
			return !fresh(this.heartbeatAge, timeout) || (this.beatAge != null && !fresh(this.beatAge, timeout));
		}

		/** Whether its worker still heartbeats: then only the partition was abandoned, not the worker dead. */
		boolean workerLive(Duration timeout) {
			return fresh(this.heartbeatAge, timeout);
		}

		private static boolean fresh(@Nullable Duration age, Duration timeout) {
			return age != null && age.compareTo(timeout) <= 0;
		}

	}

	/** The running partitions of a manager step that a worker took, with their claims' and workers' heartbeats. */
	List<RunningPartition> running(long jobExecutionId, String workerStep) {
		return this.jdbc.query("select s.STEP_EXECUTION_ID, s.STEP_NAME, w.WORKER_ID, w.HOST, w.PID, w.HAND_ONS, "
				+ "w.BEAT, k.HEARTBEAT, CURRENT_TIMESTAMP as NOW from " + this.stepExecutions + " s join "
				+ "FANOUT_PARTITION_WORKER w on w.STEP_EXECUTION_ID = s.STEP_EXECUTION_ID "
				+ "left join FANOUT_WORKER k on k.WORKER_ID = w.WORKER_ID "
				+ "where s.JOB_EXECUTION_ID = ? and s.STEP_NAME like ? and s.STATUS in ('STARTING', 'STARTED') and "
				+ "w.WORKER_ID not in (?, ?, ?, ?)", (row, n) -> {
					OffsetDateTime now = row.getObject("NOW", OffsetDateTime.class);
					return new RunningPartition(row.getLong("STEP_EXECUTION_ID"), row.getString("STEP_NAME"),
							row.getString("WORKER_ID"), row.getString("HOST"), row.getLong("PID"),
							age(row.getObject("BEAT", OffsetDateTime.class), now),
							age(row.getObject("HEARTBEAT", OffsetDateTime.class), now), row.getInt("HAND_ONS"));
				}, jobExecutionId, workerStep + ":%", MANAGER, HANDED_ON, TAKEN_BACK, RECOVERED);
	}

	private static @Nullable Duration age(@Nullable OffsetDateTime time, OffsetDateTime now) {
		return (time != null) ? Duration.between(time, now) : null;
	}

}
