package dev.fanout.batch;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.locks.ReentrantLock;

import javax.sql.DataSource;

import org.springframework.aop.support.AopUtils;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import dev.fanout.core.KnownDatabase;

/**
 * A pool whose database is known without connecting ({@link KnownDatabase}: the embedded repository), set up on its
 * first use instead of as the application starts: the first connection it hands out creates the schema before its
 * caller has it, and until then a connection's metadata name the database without connecting (Spring Batch asks, as the
 * context starts, to choose its SQL). So a command that never uses the repository (help, {@code jobs}, a refused
 * parameter) never starts its server, and one that does starts it when it first needs it.
 * <p>
 * Thread-safe: the set-up runs once, under {@link #lock}, while every other first connection waits for it; a set-up that
 * failed runs again on the next connection. {@link #done} is volatile, so that later connections skip the lock.
 */
final class FirstUse extends DelegatingDataSource {

	/** What the first connection does before it is handed out: create the schema. */
	@FunctionalInterface
	interface SetUp {

		void on(Connection connection) throws SQLException;

	}

	private final KnownDatabase database;

	private final SetUp setUp;

	private final ReentrantLock lock = new ReentrantLock();

	private volatile boolean done;

	FirstUse(DataSource pool, KnownDatabase database, SetUp setUp) {
		super(pool);
		this.database = database;
		this.setUp = setUp;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return setUp(super.getConnection());
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return setUp(super.getConnection(username, password));
	}

	/** Whether a connection has been set up: the schema exists. */
	boolean done() {
		return this.done;
	}

	private Connection setUp(Connection connection) throws SQLException {
		if (this.done) {
			return connection;
		}
		this.lock.lock();
		try {
			if (!this.done) {
				this.setUp.on(connection);
				this.done = true;
			}
			return connection;
		}
		catch (SQLException | RuntimeException | Error ex) {
			try {
				connection.close();
			}
			catch (SQLException closing) {
				ex.addSuppressed(closing);
			}
			throw ex;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * {@code lazy} (a connection that connects at its first statement), whose {@code getMetaData} names the database
	 * without connecting while no connection has been set up. Once one has, {@code lazy} itself.
	 */
	Connection withKnownMetaData(Connection lazy) {
		if (this.done) {
			return lazy;
		}
		InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "getMetaData" -> this.done ? lazy.getMetaData() : knownMetaData(lazy);
			default -> AopUtils.invokeJoinpointUsingReflection(lazy, method, args);
		};
		return (Connection) Proxy.newProxyInstance(FirstUse.class.getClassLoader(), lazy.getClass().getInterfaces(),
				handler);
	}

	/** Metadata that answer the database's name themselves, and connect for anything else. */
	private DatabaseMetaData knownMetaData(Connection lazy) {
		InvocationHandler handler = (proxy, method, args) -> switch (method.getName()) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			case "getDatabaseProductName" -> this.database.databaseProductName();
			case "getConnection" -> lazy;
			default -> AopUtils.invokeJoinpointUsingReflection(lazy.getMetaData(), method, args);
		};
		return (DatabaseMetaData) Proxy.newProxyInstance(FirstUse.class.getClassLoader(),
				new Class<?>[] { DatabaseMetaData.class }, handler);
	}

}
