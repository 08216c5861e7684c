package dev.fanout.batch;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.datasource.AbstractDataSource;
import org.springframework.jdbc.datasource.ConnectionProxy;

import dev.fanout.Await;
import dev.fanout.core.KnownDatabase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The embedded repository set up on its first use: its schema created by the first connection handed out, and its
 * database named without connecting until then; and {@link ConnectionsOnDemand} over such a pool connecting for
 * neither a connection handle nor Spring Batch's question of which database it is.
 */
class FirstUseTests {

	private final Pool pool = new Pool();

	private final List<Connection> setUpOn = new ArrayList<>();

	@Test
	void theFirstConnectionIsSetUpBeforeItIsHandedOutAndLaterOnesAreNot() throws SQLException {
		FirstUse firstUse = new FirstUse(this.pool, this.pool, this.setUpOn::add);
		assertThat(firstUse.done()).isFalse();

		Connection first = firstUse.getConnection();
		Connection second = firstUse.getConnection();

		assertThat(this.setUpOn).containsExactly(first);
		assertThat(firstUse.done()).isTrue();
		assertThat(second).isNotSameAs(first);
	}

	@Test
	void aSetUpThatFailedClosesItsConnectionAndRunsAgainOnTheNext() throws SQLException {
		AtomicInteger attempts = new AtomicInteger();
		FirstUse firstUse = new FirstUse(this.pool, this.pool, (connection) -> {
			if (attempts.incrementAndGet() == 1) {
				throw new SQLException("schema script failed");
			}
			this.setUpOn.add(connection);
		});

		assertThatExceptionOfType(SQLException.class).isThrownBy(firstUse::getConnection)
			.withMessage("schema script failed");
		assertThat(this.pool.closed).hasSize(1);
		assertThat(firstUse.done()).isFalse();

		Connection next = firstUse.getConnection();
		assertThat(this.setUpOn).containsExactly(next);
		assertThat(firstUse.done()).isTrue();
	}

	@Test
	void aConnectionAskedForDuringTheSetUpWaitsForIt() throws Exception {
		CountDownLatch settingUp = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		FirstUse firstUse = new FirstUse(this.pool, this.pool, (connection) -> {
			settingUp.countDown();
			try {
				finish.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			this.setUpOn.add(connection);
		});
		FutureTask<Connection> first = new FutureTask<>(firstUse::getConnection);
		Thread.ofPlatform().name("first").start(first);
		assertThat(settingUp.await(30, TimeUnit.SECONDS)).isTrue();

		FutureTask<Boolean> second = new FutureTask<>(() -> firstUse.done());
		Thread waiting = Thread.ofPlatform().name("second").start(() -> {
			try {
				firstUse.getConnection();
			}
			catch (SQLException ex) {
				throw new IllegalStateException(ex);
			}
			second.run(); // whether the set-up was done when this thread got its connection
		});
		Await.until("the second connection waiting for the set-up", Duration.ofSeconds(30),
				() -> waiting.getState() == Thread.State.WAITING);
		assertThat(second.isDone()).isFalse();
		finish.countDown();

		assertThat(first.get(30, TimeUnit.SECONDS)).isSameAs(this.setUpOn.get(0));
		assertThat(second.get(30, TimeUnit.SECONDS)).as("set up before the second connection was handed out").isTrue();
		assertThat(this.setUpOn).hasSize(1);
	}

	@Test
	void untilTheSetUpAConnectionNamesTheDatabaseWithoutConnecting() throws SQLException {
		FirstUse firstUse = new FirstUse(this.pool, this.pool, this.setUpOn::add);
		Connection lazy = lazyConnection(firstUse);

		Connection handedOut = firstUse.withKnownMetaData(lazy);
		assertThat(handedOut).isInstanceOf(ConnectionProxy.class).isEqualTo(handedOut).isNotEqualTo(lazy);
		assertThat(handedOut.getMetaData().getDatabaseProductName()).isEqualTo("H2");
		assertThat(this.pool.opened).as("no connection for the database's name").isZero();

		assertThat(handedOut.getMetaData().getDatabaseProductVersion()).isEqualTo("2.4");
		assertThat(this.pool.opened).as("one for anything else, set up").isEqualTo(1);
		assertThat(this.setUpOn).hasSize(1);
		assertThat(firstUse.withKnownMetaData(lazy)).as("once set up, the connection itself").isSameAs(lazy);
	}

	@Test
	void connectionsOnDemandOverAKnownDatabaseConnectsForNeitherAHandleNorTheDatabasesName() throws SQLException {
		ConnectionsOnDemand onDemand = new ConnectionsOnDemand(this.pool, this.setUpOn::add);
		assertThat(onDemand.setsUpOnFirstUse()).isTrue();

		Connection connection = onDemand.getConnection();
		assertThat(connection.getAutoCommit()).isTrue();
		assertThat(connection.getTransactionIsolation()).isEqualTo(Connection.TRANSACTION_READ_COMMITTED);
		assertThat(connection.getMetaData().getDatabaseProductName()).isEqualTo("H2");
		assertThat(this.pool.opened).isZero();

		connection.createStatement();
		assertThat(this.pool.opened).isEqualTo(1);
		assertThat(this.setUpOn).hasSize(1);
	}

	@Test
	void connectionsOnDemandOverAnotherPoolLeavesTheSchemaToTheStart() {
		DataSource other = new AbstractDataSource() {

			@Override
			public Connection getConnection() {
				throw new UnsupportedOperationException();
			}

			@Override
			public Connection getConnection(String username, String password) {
				throw new UnsupportedOperationException();
			}

		};
		assertThat(new ConnectionsOnDemand(other, this.setUpOn::add).setsUpOnFirstUse()).isFalse();
	}

	/** A handle that connects through {@code source} at its first call, as {@link ConnectionsOnDemand}'s do. */
	private static Connection lazyConnection(DataSource source) {
		Connection[] target = new Connection[1];
		return (Connection) Proxy.newProxyInstance(FirstUseTests.class.getClassLoader(),
				new Class<?>[] { ConnectionProxy.class }, (proxy, method, args) -> {
					if (method.getName().equals("equals")) {
						return proxy == args[0];
					}
					if (method.getName().equals("hashCode")) {
						return System.identityHashCode(proxy);
					}
					if (target[0] == null) {
						target[0] = source.getConnection();
					}
					return method.invoke(target[0], args);
				});
	}

	/** An H2 pool of fake connections, counting those it opens and those closed. */
	private static final class Pool extends AbstractDataSource implements KnownDatabase {

		int opened;

		final List<Connection> closed = new ArrayList<>();

		@Override
		public Connection getConnection() {
			this.opened++;
			DatabaseMetaData metaData = (DatabaseMetaData) Proxy.newProxyInstance(FirstUseTests.class.getClassLoader(),
					new Class<?>[] { DatabaseMetaData.class },
					(proxy, method, args) -> method.getName().equals("getDatabaseProductVersion") ? "2.4" : null);
			return (Connection) Proxy.newProxyInstance(FirstUseTests.class.getClassLoader(),
					new Class<?>[] { Connection.class }, (proxy, method, args) -> switch (method.getName()) {
						case "getMetaData" -> metaData;
						case "close" -> this.closed.add((Connection) proxy);
						case "equals" -> proxy == args[0];
						case "hashCode" -> System.identityHashCode(proxy);
						default -> null;
					});
		}

		@Override
		public Connection getConnection(String username, String password) {
			return getConnection();
		}

		@Override
		public String databaseProductName() {
			return "H2";
		}

		@Override
		public boolean defaultAutoCommit() {
			return true;
		}

		@Override
		public int defaultTransactionIsolation() {
			return Connection.TRANSACTION_READ_COMMITTED;
		}

	}

}
