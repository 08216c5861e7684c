package dev.fanout.repository;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * A repository connection keeps its prepared statements for the next caller of the same SQL, on the real server: one
 * prepare per SQL, each caller with parameters of its own, nothing carried over from a caller's settings, a bounded
 * number kept, and kept ones that still run after the server has forgotten them.
 */
class CachedStatementsTests {

	private static final String COUNT_ABOVE = "select count(*) from T where N > ?";

	private RepositoryClient client;

	/** The SQL of each statement H2's own connection prepared, and of each it closed, in order. */
	private final List<String> prepared = new ArrayList<>();

	private final List<String> closed = new ArrayList<>();

	private Connection connection;

	@BeforeEach
	void connect() throws Exception {
		this.client = RepositoryClient.of(RepositoryFiles.of(TestDataDirectories.fresh("CachedStatementsTests")),
				new ServerProcess(Duration.ofSeconds(5), "128m"), Duration.ofSeconds(30));
		this.client.acquire();
		this.connection = CachedStatements.wrap(recording(this.client.connect()));
		try (Statement statement = this.connection.createStatement()) {
			statement.execute("create table if not exists T (N int)");
			statement.execute("delete from T");
			statement.execute("insert into T select X from system_range(1, 10)");
		}
	}

	@AfterEach
	void close() throws Exception {
		this.connection.close();
		this.client.release();
	}

	@Test
	void theSameSqlIsPreparedOnceAndEachCallerBindsItsOwnParameters() {
		JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(this.connection, true));

		List<Long> counts = new ArrayList<>();
		for (int above = 0; above < 10; above += 3) {
			counts.add(jdbc.queryForObject(COUNT_ABOVE, Long.class, above));
		}

		assertThat(counts).containsExactly(10L, 7L, 4L, 1L);
		assertThat(this.prepared).containsExactly(COUNT_ABOVE);
	}

	@Test
	void aKeptStatementComesBackWithoutTheLastCallersParameters() throws Exception {
		try (PreparedStatement first = this.connection.prepareStatement(COUNT_ABOVE)) {
			first.setInt(1, 5);
			first.executeQuery().close();
		}
		try (PreparedStatement second = this.connection.prepareStatement(COUNT_ABOVE)) {
			assertThatExceptionOfType(SQLException.class).isThrownBy(second::executeQuery)
				.withMessageContaining("Parameter \"#1\" is not set");
		}
		assertThat(this.prepared).hasSize(1);
	}

	@Test
	void aStatementWhoseCallerChangedASettingIsClosedInsteadOfKept() throws Exception {
		try (PreparedStatement fetching = this.connection.prepareStatement("select N from T")) {
			fetching.setFetchSize(3);
			assertThat(rows(fetching.executeQuery())).isEqualTo(10);
		}
		try (PreparedStatement plain = this.connection.prepareStatement("select N from T")) {
			assertThat(plain.getFetchSize()).isNotEqualTo(3);
			assertThat(rows(plain.executeQuery())).isEqualTo(10);
		}
		assertThat(this.prepared).hasSize(2);
		assertThat(this.closed).containsExactly("select N from T");
	}

	@Test
	void aStatementWhoseCallerLimitedItsRowsIsKeptWithoutTheLimit() throws Exception {
		try (PreparedStatement limited = this.connection.prepareStatement("select N from T")) {
			limited.setMaxRows(2);
			assertThat(rows(limited.executeQuery())).isEqualTo(2);
		}
		try (PreparedStatement plain = this.connection.prepareStatement("select N from T")) {
			assertThat(plain.getMaxRows()).isZero();
			assertThat(rows(plain.executeQuery())).isEqualTo(10);
		}
		assertThat(this.prepared).hasSize(1);
		assertThat(this.closed).isEmpty();
	}

	@Test
	void aCallerThatClosedItsStatementCannotUseItAgain() throws Exception {
		PreparedStatement statement = this.connection.prepareStatement(COUNT_ABOVE);
		statement.close();
		statement.close();

		assertThat(statement.isClosed()).isTrue();
		assertThatExceptionOfType(SQLException.class).isThrownBy(() -> statement.setInt(1, 3))
			.withMessageContaining("statement closed");
		try (PreparedStatement next = this.connection.prepareStatement(COUNT_ABOVE)) {
			assertThat(next.isClosed()).isFalse();
		}
		assertThat(this.prepared).hasSize(1);
	}

	@Test
	void twoCallersOfOneSqlAtOnceGetTwoStatements() throws Exception {
		try (PreparedStatement first = this.connection.prepareStatement(COUNT_ABOVE);
				PreparedStatement second = this.connection.prepareStatement(COUNT_ABOVE)) {
			first.setInt(1, 8);
			second.setInt(1, 1);
			try (ResultSet a = first.executeQuery(); ResultSet b = second.executeQuery()) {
				a.next();
				b.next();
				assertThat(List.of(a.getLong(1), b.getLong(1))).containsExactly(2L, 9L);
			}
		}
		assertThat(this.prepared).hasSize(2);
		assertThat(this.closed).as("one of the two is kept").hasSize(1);
	}

	@Test
	void theLeastRecentlyUsedBeyondTheCapacityAreClosedAndTheRestWhenTheConnectionCloses() throws Exception {
		int distinct = CachedStatements.CAPACITY + 8;
		for (int i = 0; i < distinct; i++) {
			query("select count(*) from T where N > " + i);
		}
		assertThat(this.closed).containsExactlyElementsOf(sqls(0, 8));

		query("select count(*) from T where N > " + (distinct - 1));
		query("select count(*) from T where N > 0");
		assertThat(this.prepared).hasSize(distinct + 1);

		this.connection.close();
		assertThat(this.closed).hasSize(distinct + 1);
	}

	/**
	 * H2's server forgets a session's oldest objects once it holds more than 128, and its client prepares a statement
	 * that old again: kept statements still run after many statements and results have come and gone around them.
	 */
	@Test
	void keptStatementsStillRunAfterManyOtherStatementsAndResults() throws Exception {
		for (int i = 0; i < CachedStatements.CAPACITY; i++) {
			query("select count(*) from T where N > " + i);
		}
		List<ResultSet> open = new ArrayList<>();
		List<PreparedStatement> held = new ArrayList<>();
		for (int i = 0; i < 32; i++) {
			PreparedStatement statement = this.connection.prepareStatement("select N from T where N <> " + i);
			held.add(statement);
			open.add(statement.executeQuery());
		}
		try (Statement other = this.connection.createStatement()) {
			for (int i = 0; i < 500; i++) {
				other.executeQuery("select N from T where N < " + i).close();
			}
		}

		for (int i = 0; i < CachedStatements.CAPACITY; i++) {
			assertThat(query("select count(*) from T where N > " + i)).isEqualTo(Math.max(10 - i, 0));
		}
		for (int i = 0; i < open.size(); i++) {
			assertThat(rows(open.get(i))).as("rows but %d", i).isEqualTo((i >= 1 && i <= 10) ? 9 : 10);
		}
		for (PreparedStatement statement : held) {
			statement.close();
		}
	}

	private long query(String sql) throws SQLException {
		try (PreparedStatement statement = this.connection.prepareStatement(sql);
				ResultSet result = statement.executeQuery()) {
			result.next();
			return result.getLong(1);
		}
	}

	private static List<String> sqls(int from, int to) {
		List<String> sqls = new ArrayList<>();
		for (int i = from; i < to; i++) {
			sqls.add("select count(*) from T where N > " + i);
		}
		return sqls;
	}

	private static int rows(ResultSet result) throws SQLException {
		try (result) {
			int rows = 0;
			while (result.next()) {
				rows++;
			}
			return rows;
		}
	}

	/** H2's connection, recording the statements it prepares and closes. */
	private Connection recording(Connection target) {
		return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
				(proxy, method, args) -> {
					Object result = invoke(target, method, args);
					if (method.getName().equals("prepareStatement")) {
						String sql = (String) args[0];
						this.prepared.add(sql);
						PreparedStatement statement = (PreparedStatement) result;
						return Proxy.newProxyInstance(getClass().getClassLoader(),
								new Class<?>[] { PreparedStatement.class }, (p, m, a) -> {
									if (m.getName().equals("close") && !statement.isClosed()) {
										this.closed.add(sql);
									}
									return invoke(statement, m, a);
								});
					}
					return result;
				});
	}

	private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
