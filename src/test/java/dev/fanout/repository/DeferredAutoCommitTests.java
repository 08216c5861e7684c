package dev.fanout.repository;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.DefaultTransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A repository connection sends its auto-commit mode and isolation level only when they matter, and keeps what JDBC
 * promises: on the real server, with Spring's transaction manager as the jobs use it, another connection sees each
 * commit at once, and a rollback leaves nothing.
 */
class DeferredAutoCommitTests {

	private RepositoryClient client;

	/** What reached H2's own connection: method names, in order. */
	private final List<String> sent = new ArrayList<>();

	private Connection connection;

	private Connection observer;

	@BeforeEach
	void connect() throws Exception {
		this.client = RepositoryClient.of(RepositoryFiles.of(TestDataDirectories.fresh("DeferredAutoCommitTests")),
				new ServerProcess(Duration.ofSeconds(5), "128m"), Duration.ofSeconds(30));
		this.client.acquire();
		this.observer = this.client.connect();
		try (Statement statement = this.observer.createStatement()) {
			statement.execute("create table if not exists T (N int)");
			statement.execute("delete from T");
		}
		this.connection = DeferredAutoCommit.wrap(recording(this.client.connect()));
	}

	@AfterEach
	void close() throws Exception {
		this.connection.close();
		this.observer.close();
		this.client.release();
	}

	@Test
	void backToBackTransactionsSendTheModeOnceAndEachCommitIsSeenAtOnce() {
		TransactionTemplate transactions = transactions(TransactionDefinition.ISOLATION_DEFAULT);
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		for (int i = 1; i <= 5; i++) {
			int n = i;
			transactions.executeWithoutResult((status) -> jdbc.update("insert into T values (?)", n));
			assertThat(seen()).as("after transaction %d", i).isEqualTo(i);
		}
		assertThat(this.sent).filteredOn("setAutoCommit"::equals).as("auto-commit switched once, not 10 times")
			.hasSize(1);
		assertThat(this.sent).filteredOn("commit"::equals).hasSize(5);
	}

	@Test
	void aStatementOutsideATransactionCommitsByItselfAfterOne() {
		TransactionTemplate transactions = transactions(TransactionDefinition.ISOLATION_DEFAULT);
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		transactions.executeWithoutResult((status) -> jdbc.update("insert into T values (1)"));

		jdbc.update("insert into T values (2)");

		assertThat(seen()).as("committed without a commit call").isEqualTo(2);
	}

	@Test
	void aStatementBetweenTransactionsIsCommittedAloneWithoutSwitchingTheServersMode() {
		JdbcTemplate jdbc = afterATransaction("insert into T values (1)");

		jdbc.update("insert into T values (2)");
		assertThat(seen()).isEqualTo(2);
		transactions(TransactionDefinition.ISOLATION_DEFAULT)
			.executeWithoutResult((status) -> jdbc.update("insert into T values (3)"));

		assertThat(seen()).isEqualTo(3);
		assertThat(this.sent).as("a statement and its commit, then the next transaction's")
			.filteredOn((call) -> !call.equals("isClosed"))
			.containsExactly("createStatement", "commit", "createStatement", "commit");
	}

	@Test
	void aThirdStatementBetweenTransactionsSwitchesTheServerToAutoCommitAfterAll() {
		JdbcTemplate jdbc = afterATransaction("insert into T values (0)");

		for (int i = 1; i <= 5; i++) {
			jdbc.update("insert into T values (?)", i);
			assertThat(seen()).as("after statement %d", i).isEqualTo(i + 1);
		}

		assertThat(this.sent).filteredOn((call) -> call.equals("commit") || call.equals("setAutoCommit"))
			.as("the first two statements' commits, then the switch before the third")
			.containsExactly("commit", "commit", "setAutoCommit");
	}

	@Test
	void aQueryCommittedAloneStillReturnsEveryRowOfALargeResult() throws Exception {
		afterATransaction("insert into T select X from system_range(1, 1000)");

		try (Statement statement = this.connection.createStatement()) {
			statement.setFetchSize(10); // fetched from the server 10 rows at a time, after the commit
			try (ResultSet rows = statement.executeQuery("select N from T order by N")) {
				long sum = 0;
				while (rows.next()) {
					sum += rows.getInt(1);
				}
				assertThat(sum).isEqualTo(500_500);
			}
		}
		assertThat(this.sent).filteredOn((call) -> !call.equals("isClosed"))
			.containsExactly("createStatement", "commit");
	}

	@Test
	void aFailedStatementCommittedAloneIsRolledBackAndTheNextOneRuns() {
		JdbcTemplate jdbc = afterATransaction("insert into T values (1)");

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> jdbc.update("insert into T values ('not a number')"));
		jdbc.update("insert into T values (2)");

		assertThat(seen()).isEqualTo(2);
		assertThat(this.sent).filteredOn((call) -> call.equals("rollback") || call.startsWith("commit"))
			.as("the failed statement rolled back, the next committed alone")
			.containsExactly("rollback", "commit");
	}

	@Test
	void aStatementMadeOutsideATransactionAndRunInsideOneIsPartOfIt() throws Exception {
		afterATransaction("insert into T values (1)");

		try (Statement early = this.connection.createStatement()) {
			this.connection.setAutoCommit(false);
			early.executeUpdate("insert into T values (2)");
			assertThat(seen()).as("not committed by itself").isEqualTo(1);
			this.connection.rollback();
		}

		assertThat(seen()).as("rolled back with the transaction").isEqualTo(1);

		this.connection.setAutoCommit(true);
		try (Statement early = this.connection.createStatement()) {
			this.connection.setAutoCommit(false);
			early.executeUpdate("insert into T values (3)");
			this.connection.commit();
		}
		assertThat(seen()).as("committed with the transaction").isEqualTo(2);
	}

	@Test
	void aRollbackLeavesNothingAndATransactionWithoutStatementsSendsNothing() {
		TransactionTemplate transactions = transactions(TransactionDefinition.ISOLATION_DEFAULT);
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		transactions.executeWithoutResult((status) -> {
			jdbc.update("insert into T values (1)");
			status.setRollbackOnly();
		});
		assertThat(seen()).isZero();
		this.sent.clear();

		transactions.executeWithoutResult((status) -> {
		});

		assertThat(this.sent).as("an empty transaction").doesNotContain("commit", "rollback", "setAutoCommit");
	}

	@Test
	void switchingAutoCommitOnCommitsTheWorkInProgressAtOnce() throws Exception {
		insertOneRowUncommitted();

		this.connection.setAutoCommit(true);

		assertThat(seen()).isEqualTo(1);
		assertThat(this.connection.getAutoCommit()).isTrue();
	}

	@Test
	void eachStatementRunsAtTheLevelAskedForAndALevelIsSentOnlyWhenTheServersDiffers() {
		TransactionTemplate serializable = transactions(TransactionDefinition.ISOLATION_SERIALIZABLE);
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		for (int i = 0; i < 3; i++) {
			String level = serializable.execute((status) -> level(jdbc));
			assertThat(level).as("transaction %d", i).isEqualTo("SERIALIZABLE");
		}
		assertThat(level(jdbc)).as("after them, the level they restored").isEqualTo("READ COMMITTED");

		assertThat(this.sent).filteredOn("getTransactionIsolation"::equals).hasSize(1);
		// Each transaction sets serializable and restores the level before it: sent only when a statement needs it.
		assertThat(this.sent).filteredOn((call) -> call.startsWith("prepareStatement:SET SESSION CHARACTERISTICS"))
			.containsExactly("prepareStatement:SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL SERIALIZABLE",
					"prepareStatement:SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED");
		assertThat(this.sent).as("one commit per transaction, none before a level, and the last query's")
			.filteredOn("commit"::equals)
			.hasSize(4);
		assertThat(this.sent).doesNotContain("setTransactionIsolation");
	}

	@Test
	void changingTheLevelInsideATransactionCommitsTheWorkInProgressAtOnceAsH2Does() throws Exception {
		insertOneRowUncommitted();

		this.connection.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);

		assertThat(seen()).isEqualTo(1);
		this.connection.rollback();
		assertThat(seen()).as("nothing left to roll back").isEqualTo(1);
	}

	/**
	 * Runs the statement in a transaction, which leaves the server in manual-commit mode, then forgets what was sent;
	 * returns a template of statements outside transactions.
	 */
	private JdbcTemplate afterATransaction(String sql) {
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));
		transactions(TransactionDefinition.ISOLATION_DEFAULT).executeWithoutResult((status) -> jdbc.update(sql));
		this.sent.clear();
		return jdbc;
	}

	/** Begins a transaction with one row inserted, which the other connection does not see yet. */
	private void insertOneRowUncommitted() throws Exception {
		this.connection.setAutoCommit(false);
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("insert into T values (1)");
		}
		assertThat(seen()).as("not yet committed").isZero();
	}

	/** The isolation level of the connection's session, as its server has it. */
	private static String level(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select ISOLATION_LEVEL from INFORMATION_SCHEMA.SESSIONS where SESSION_ID = "
				+ "SESSION_ID()", String.class);
	}

	private TransactionTemplate transactions(int isolation) {
		DefaultTransactionDefinition definition = new DefaultTransactionDefinition();
		definition.setIsolationLevel(isolation);
		return new TransactionTemplate(new JdbcTransactionManager(new SingleConnectionDataSource(this.connection, true)),
				definition);
	}

	/** Rows the other connection sees: committed ones only. */
	private long seen() {
		return new JdbcTemplate(new SingleConnectionDataSource(this.observer, true)).queryForObject(
				"select count(*) from T", Long.class);
	}

	private Connection recording(Connection target) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					this.sent.add(method.getName().equals("prepareStatement") ? "prepareStatement:" + args[0]
							: method.getName());
					try {
						return method.invoke(target, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

}
