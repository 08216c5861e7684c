package dev.fanout.recovery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.core.env.Environment;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;

/**
 * The {@code FANOUT_EXECUTION_OWNER} table, next to Spring Batch's. Times are the database's
 * ({@code CURRENT_TIMESTAMP}), so heartbeats of processes on different hosts compare without trusting their clocks.
 */
@Component
public class ExecutionOwners {

	private static final String COLUMNS = "JOB_NAME, JOB_KEY, JOB_EXECUTION_ID, HOST, NODE, PID, PROCESS_START, CLAIMED, "
			+ "HEARTBEAT, CURRENT_TIMESTAMP AS NOW";

	private final JdbcTemplate jdbc;

	/** Executions that ended UNKNOWN, in Spring Batch's table by its configured prefix. */
	private final String unknownExecutions;

	/** Marks an execution FAILED if its row is still at the version given, in Spring Batch's table. */
	private final String markRecovered;

	public ExecutionOwners(DataSource dataSource, Environment environment) {
		this.jdbc = new JdbcTemplate(dataSource);
		this.unknownExecutions = "select JOB_EXECUTION_ID from %sJOB_EXECUTION where STATUS = 'UNKNOWN'"
			.formatted(BatchTables.prefix(environment));
		this.markRecovered = ("update %sJOB_EXECUTION set STATUS = 'FAILED', EXIT_CODE = ?, EXIT_MESSAGE = ?, "
				+ "END_TIME = ?, LAST_UPDATED = ?, VERSION = VERSION + 1 where JOB_EXECUTION_ID = ? and VERSION = ?")
			.formatted(BatchTables.prefix(environment));
	}

	/** Inserts a claim of the instance for this process; {@code false} if another row holds the instance. */
	boolean insert(String jobName, String jobKey, @Nullable Long executionId) {
		ProcessIdentity me = ProcessIdentity.current();
		try {
			this.jdbc.update("insert into FANOUT_EXECUTION_OWNER (JOB_NAME, JOB_KEY, JOB_EXECUTION_ID, HOST, NODE, PID, "
					+ "PROCESS_START, CLAIMED, HEARTBEAT) values (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
					jobName, jobKey, executionId, me.host(), me.node(), me.pid(), utc(me.start()));
			return true;
		}
		catch (DuplicateKeyException ex) {
			return false;
		}
	}

	/** Records the execution this process created for its claim; {@code false} if it holds no such claim. */
	boolean attach(String jobName, String jobKey, long executionId) {
		ProcessIdentity me = ProcessIdentity.current();
		return this.jdbc.update("update FANOUT_EXECUTION_OWNER set JOB_EXECUTION_ID = ? where JOB_NAME = ? and "
				+ "JOB_KEY = ? and NODE = ? and PID = ?", executionId, jobName, jobKey, me.node(), me.pid()) > 0;
	}

	/** Deletes this process's claim of the instance. */
	void deleteOwn(String jobName, String jobKey) {
		ProcessIdentity me = ProcessIdentity.current();
		this.jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_NAME = ? and JOB_KEY = ? and NODE = ? and PID = ?",
				jobName, jobKey, me.node(), me.pid());
	}

	/**
	 * Deletes exactly this row as it was read: not if another claim has replaced it meanwhile, nor if its holder's
	 * heartbeat has moved on since (a holder judged by a heartbeat that had stopped, paused, then resumed: it runs).
	 */
	void deleteStale(OwnerRecord owner) {
		this.jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_NAME = ? and JOB_KEY = ? and HOST = ? and PID = ? "
				+ "and CLAIMED = ? and HEARTBEAT = ?", owner.jobName(), owner.jobKey(), owner.process().host(),
				owner.process().pid(), utc(owner.claimed()), utc(owner.heartbeat()));
	}

	void deleteForExecution(long executionId) {
		this.jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_EXECUTION_ID = ?", executionId);
	}

	/** Deletes this process's claim of the instance if it still records this execution (a claim left behind). */
	static void deleteLeftBehind(JdbcTemplate jdbc, String jobName, String jobKey, long executionId) {
		ProcessIdentity me = ProcessIdentity.current();
		jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_NAME = ? and JOB_KEY = ? and NODE = ? and PID = ? "
				+ "and JOB_EXECUTION_ID = ?", jobName, jobKey, me.node(), me.pid(), executionId);
	}

	/** Refreshes the heartbeat of every claim of this process, through the given connection source. */
	static void touch(JdbcTemplate jdbc) {
		ProcessIdentity me = ProcessIdentity.current();
		jdbc.update("update FANOUT_EXECUTION_OWNER set HEARTBEAT = CURRENT_TIMESTAMP where NODE = ? and PID = ?",
				me.node(), me.pid());
	}

	Optional<OwnerRecord> byKey(String jobName, String jobKey) {
		return this.jdbc
			.query("select " + COLUMNS + " from FANOUT_EXECUTION_OWNER where JOB_NAME = ? and JOB_KEY = ?",
					ExecutionOwners::row, jobName, jobKey)
			.stream()
			.findFirst();
	}

	/**
	 * Marks a recovered execution FAILED, in one statement, only if its row is still at the version of
	 * {@code execution}: {@code false} if another process wrote it since (its process ended it, a stop marked it). Not
	 * {@code JobRepository.update}, which takes the row's current version and keeps the higher of the two statuses.
	 */
	boolean markRecovered(JobExecution execution, ExitStatus exitStatus, LocalDateTime endTime) {
		return this.jdbc.update(this.markRecovered, exitStatus.getExitCode(), exitStatus.getExitDescription(),
				Timestamp.valueOf(endTime), Timestamp.valueOf(LocalDateTime.now()), execution.getId(),
				execution.getVersion()) == 1;
	}

	/** Executions that ended UNKNOWN: they need recovering although nothing says they run. */
	List<Long> unknownExecutions() {
		return this.jdbc.queryForList(this.unknownExecutions, Long.class);
	}

	public List<OwnerRecord> all() {
		return this.jdbc.query("select " + COLUMNS + " from FANOUT_EXECUTION_OWNER", ExecutionOwners::row);
	}

	private static OwnerRecord row(ResultSet rs, int rowNum) throws SQLException {
		long executionId = rs.getLong("JOB_EXECUTION_ID");
		Long execution = rs.wasNull() ? null : executionId;
		OffsetDateTime processStart = rs.getObject("PROCESS_START", OffsetDateTime.class);
		ProcessIdentity process = new ProcessIdentity(rs.getString("HOST"), rs.getString("NODE"), rs.getLong("PID"),
				(processStart != null) ? processStart.toInstant() : null);
		Instant heartbeat = rs.getObject("HEARTBEAT", OffsetDateTime.class).toInstant();
		Instant now = rs.getObject("NOW", OffsetDateTime.class).toInstant();
		return new OwnerRecord(rs.getString("JOB_NAME"), rs.getString("JOB_KEY"), execution, process,
				rs.getObject("CLAIMED", OffsetDateTime.class).toInstant(), heartbeat, Duration.between(heartbeat, now));
	}

	private static @Nullable OffsetDateTime utc(@Nullable Instant instant) {
		return (instant != null) ? instant.atOffset(ZoneOffset.UTC) : null;
	}

}
