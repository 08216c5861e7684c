package dev.fanout.recovery;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The heartbeat's clean-up of claims left behind: a launch whose repository failed as it ended left its claim's row,
 * naming this live process; other processes judge by that row alone, so it must go once the repository answers. And
 * its repetition, which one failed beat must not end.
 */
class HeartbeatTests {

	private final EmbeddedDatabase database = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("classpath:dev/fanout/repository/schema-h2.sql")
		.build();

	private final JdbcTemplate jdbc = new JdbcTemplate(this.database);

	private final ExecutionOwners owners = new ExecutionOwners(this.database, new MockEnvironment());

	// A heartbeat period no test waits for: each calls beat() itself.
	private final Heartbeat heartbeat = new Heartbeat(this.database,
			new RecoveryProperties(Duration.ofHours(1), Duration.ofHours(2), false));

	@AfterEach
	void close() throws Exception {
		this.heartbeat.destroy();
		this.database.shutdown();
	}

	@Test
	void theNextBeatDeletesTheRowOfAClaimLeftBehindSoThatOtherProcessesSeeNoOwner() {
		String key = claimRunning("sensors", "k1", 7);
		this.heartbeat.leftBehind(key, this.heartbeat.released(key));
		assertThat(this.heartbeat.leftBehindClaim(key)).isTrue();

		this.heartbeat.beat();

		assertThat(rows()).isEmpty();
		assertThat(this.heartbeat.leftBehindClaim(key)).as("nothing left behind any more").isFalse();
	}

	@Test
	void aLaterClaimOfTheSameInstanceByThisProcessIsNeverTakenForTheRowLeftBehind() {
		String key = claimRunning("sensors", "k1", 7);
		this.heartbeat.leftBehind(key, this.heartbeat.released(key));
		// Recovered meanwhile, and restarted here: a new claim's row, with its new execution, written by a launch
		// thread that has not told the heartbeat yet (it does so after the insert).
		this.owners.deleteForExecution(7);
		this.owners.insert("sensors", "k1", null);
		this.owners.attach("sensors", "k1", 8);

		this.heartbeat.beat();

		assertThat(rows()).containsExactly(8L);
	}

	@Test
	void aClaimLeftBehindBeforeItRecordedAnExecutionStaysForThisProcessToJudge() {
		this.owners.insert("sensors", "k2", null);
		this.heartbeat.claimed("sensors/k2");
		this.heartbeat.leftBehind("sensors/k2", this.heartbeat.released("sensors/k2"));

		this.heartbeat.beat();

		assertThat(this.jdbc.queryForObject("select count(*) from FANOUT_EXECUTION_OWNER", Integer.class)).isOne();
		assertThat(this.heartbeat.leftBehindClaim("sensors/k2")).isTrue();
	}

	@Test
	void aBeatThatThrowsAnErrorIsFollowedByTheNextBeat() throws Exception {
		AtomicInteger connections = new AtomicInteger();
		CountDownLatch beatAgain = new CountDownLatch(1);
		DataSource failingOnce = new DelegatingDataSource(this.database) {

			@Override
			public Connection getConnection() throws SQLException {
				if (connections.incrementAndGet() == 1) {
					throw new NoClassDefFoundError("a class that could not be loaded this once");
				}
				beatAgain.countDown();
				return super.getConnection();
			}

		};
		Heartbeat beating = new Heartbeat(failingOnce,
				new RecoveryProperties(Duration.ofMillis(5), Duration.ofHours(2), false));
		try {
			beating.claimed("sensors/k3");

			assertThat(beatAgain.await(30, TimeUnit.SECONDS)).as("a beat after the one that threw").isTrue();
		}
		finally {
			beating.destroy();
		}
	}

	private String claimRunning(String job, String jobKey, long execution) {
		String key = job + "/" + jobKey;
		assertThat(this.owners.insert(job, jobKey, null)).isTrue();
		this.heartbeat.claimed(key);
		assertThat(this.owners.attach(job, jobKey, execution)).isTrue();
		this.heartbeat.attached(key, execution);
		return key;
	}

	private List<Long> rows() {
		return this.jdbc.queryForList("select JOB_EXECUTION_ID from FANOUT_EXECUTION_OWNER", Long.class);
	}

}
