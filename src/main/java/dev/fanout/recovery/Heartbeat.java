package dev.fanout.recovery;

import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.core.RepeatedTask;

/**
 * The instances this process has claimed and the executions it runs, and the one daemon thread that refreshes their
 * owner records' heartbeat every {@code fanout.recovery.heartbeat} while there are any.
 * <p>
 * What guards what: {@link #claims} and {@link #leftBehind} are concurrent maps, written by launch and job threads and
 * read by the heartbeat and signal threads. {@link #started} is guarded by {@code this}. The heartbeat's own connection pool is confined to
 * the scheduler thread (and to {@link #destroy} once that thread has ended): it is separate from the job's pool so
 * that workers holding every pooled connection cannot delay a heartbeat into an orphan verdict.
 */
@Component
public class Heartbeat implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(Heartbeat.class);

	private static final long NO_EXECUTION = -1;

	/** Instance key ({@code job/key}) → the execution this process runs for it, or NO_EXECUTION while launching. */
	private final ConcurrentMap<String, Long> claims = new ConcurrentHashMap<>();

	/**
	 * Instance key → the execution of a claim this process released but could not delete (the repository failed as
	 * the launch ended), or NO_EXECUTION: their rows still name this live process, which runs nothing for them any
	 * more. A concurrent map: written by launch and job threads, read by judges, emptied by the heartbeat thread.
	 */
	private final ConcurrentMap<String, Long> leftBehind = new ConcurrentHashMap<>();

	private final ScheduledExecutorService scheduler = Executors
		.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fanout-heartbeat").factory());

	private final DataSource dataSource;

	private final RecoveryProperties properties;

	private boolean started;

	private @Nullable JdbcTemplate connection;

	private @Nullable HikariDataSource ownPool;

	public Heartbeat(DataSource dataSource, RecoveryProperties properties) {
		this.dataSource = dataSource;
		this.properties = properties;
	}

	void claimed(String instanceKey) {
		this.leftBehind.remove(instanceKey);
		this.claims.put(instanceKey, NO_EXECUTION);
		startBeating();
	}

	void attached(String instanceKey, long executionId) {
		this.leftBehind.remove(instanceKey);
		this.claims.put(instanceKey, executionId);
		startBeating();
	}

	/** Forgets the claim; returns the execution it had recorded, or null if none. */
	@Nullable Long released(String instanceKey) {
		Long execution = this.claims.remove(instanceKey);
		return (execution == null || execution == NO_EXECUTION) ? null : execution;
	}

	/**
	 * The claim was released, but its row could not be deleted: it names this process, which no longer runs it. The
	 * heartbeat deletes the row once the repository answers again, if it recorded an execution ({@link #beat}).
	 */
	void leftBehind(String instanceKey, @Nullable Long execution) {
		this.leftBehind.put(instanceKey, (execution != null) ? execution : NO_EXECUTION);
	}

	/** Whether this process left its claim of the instance behind, and has not claimed it again since. */
	boolean leftBehindClaim(String instanceKey) {
		return this.leftBehind.containsKey(instanceKey) && !this.claims.containsKey(instanceKey);
	}

	/** The executions this process is running now. */
	public Set<Long> runningExecutions() {
		return this.claims.values().stream().filter((id) -> id != NO_EXECUTION).collect(Collectors.toSet());
	}

	private synchronized void startBeating() {
		if (!this.started) {
			long period = this.properties.heartbeat().toMillis();
			// An Error in one beat would end the repetition: the rows would age and others judge this process dead.
			this.scheduler.scheduleAtFixedRate(new RepeatedTask("Heartbeat", logger, this::beat), period, period,
					TimeUnit.MILLISECONDS);
			this.started = true;
		}
	}

	/**
	 * Deletes the rows of claims left behind that recorded an execution, then refreshes this process's claims. Other
	 * processes judge by the rows alone: a row left behind names a live process with a fresh heartbeat (touched with
	 * the others), so a {@code recover} from the CLI was refused for as long as this process lived. Deleted, the
	 * execution is left running with no owner, which every process judges orphaned. Each row is deleted with its
	 * execution: a later claim of the instance by this process, whose row has a new execution or none yet, is never
	 * taken for it. A row left behind before it recorded an execution claims no execution, and only blocks a launch
	 * of its instance, which this process judges orphaned and replaces; it stays until then.
	 * <p>
	 * Runs on the scheduler thread only (tests call it directly), as a {@link RepeatedTask}: what it throws is logged
	 * there, and the next beat comes all the same.
	 */
	void beat() {
		boolean rowsToDelete = this.leftBehind.values().stream().anyMatch((execution) -> execution != NO_EXECUTION);
		if (this.claims.isEmpty() && !rowsToDelete) {
			return;
		}
		try {
			JdbcTemplate jdbc = connection();
			this.leftBehind.forEach((instanceKey, execution) -> {
				if (execution != NO_EXECUTION) {
					int slash = instanceKey.indexOf('/');
					ExecutionOwners.deleteLeftBehind(jdbc, instanceKey.substring(0, slash),
							instanceKey.substring(slash + 1), execution);
					this.leftBehind.remove(instanceKey, execution);
				}
			});
			if (!this.claims.isEmpty()) {
				ExecutionOwners.touch(jdbc);
			}
		}
		catch (RuntimeException ex) {
			logger.warn("Heartbeat not recorded: {}", ex.getMessage());
		}
	}

	private JdbcTemplate connection() {
		if (this.connection == null) {
			DataSource source = this.dataSource;
			HikariDataSource pooled = pool(this.dataSource);
			if (pooled != null) {
				HikariConfig config = new HikariConfig();
				pooled.copyStateTo(config);
				config.setPoolName("fanout-heartbeat");
				config.setMaximumPoolSize(1);
				config.setMinimumIdle(1);
				this.ownPool = new HikariDataSource(config);
				source = this.ownPool;
			}
			this.connection = new JdbcTemplate(source);
		}
		return this.connection;
	}

	/** The Hikari pool under the application's data source (which wraps it, see {@code ConnectionsOnDemand}), if any. */
	private static @Nullable HikariDataSource pool(DataSource dataSource) {
		try {
			return dataSource.isWrapperFor(HikariDataSource.class) ? dataSource.unwrap(HikariDataSource.class) : null;
		}
		catch (SQLException ex) {
			return null;
		}
	}

	@Override
	public void destroy() throws InterruptedException {
		this.scheduler.shutdownNow();
		if (this.scheduler.awaitTermination(5, TimeUnit.SECONDS) && this.ownPool != null) {
			this.ownPool.close();
		}
	}

}
