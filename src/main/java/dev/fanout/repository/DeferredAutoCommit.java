package dev.fanout.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;

/**
 * A connection to the repository's server that sends its auto-commit mode and isolation level only when they matter.
 * H2's client sends every {@code setAutoCommit} and {@code get}/{@code setTransactionIsolation} to the server, a
 * round trip each, and Spring's transaction manager calls them around every transaction: turning auto-commit off and
 * on again, reading and restoring the isolation level. They were a quarter of a job run's round trips.
 * <p>
 * Here the mode the caller asked for is kept, and sent just before the next statement is created if the server's
 * differs: back-to-back transactions leave the server in manual-commit mode and send nothing. What JDBC promises is
 * kept: switching auto-commit on with uncommitted work commits it at once; {@code commit} and {@code rollback} of a
 * transaction that created no statement have nothing to end and send nothing; the isolation level is read once and
 * sent only when it changes.
 * <p>
 * Not thread-safe, as a JDBC connection is not: one thread uses it at a time (the pool hands it to one borrower).
 */
final class DeferredAutoCommit implements InvocationHandler {

	/**
	 * Methods whose work runs in the server's transaction, and so need the caller's mode sent first. The others (the
	 * pool's {@code isValid} and {@code clearWarnings}, {@code close}...) do not depend on it.
	 */
	private static final Set<String> STATEMENTS = Set.of("createStatement", "prepareStatement", "prepareCall",
			"nativeSQL", "setSavepoint", "releaseSavepoint", "getMetaData");

	private final Connection connection;

	/** The mode the caller asked for. */
	private boolean autoCommit;

	/** The mode the server has. */
	private boolean serverAutoCommit;

	/** Whether a statement ran since the server's transaction began (so a commit or rollback has work to end). */
	private boolean dirty;

	/** The isolation level the server has, once known (-1 before). */
	private int isolation = -1;

	private DeferredAutoCommit(Connection connection) throws SQLException {
		this.connection = connection;
		this.autoCommit = connection.getAutoCommit();
		this.serverAutoCommit = this.autoCommit;
	}

	static Connection wrap(Connection connection) throws SQLException {
		return (Connection) Proxy.newProxyInstance(DeferredAutoCommit.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new DeferredAutoCommit(connection));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "setAutoCommit" -> {
				setAutoCommit((boolean) args[0]);
				return null;
			}
			case "getAutoCommit" -> {
				return this.autoCommit;
			}
			case "commit", "rollback" -> {
				if (args == null || args.length == 0) {
					endTransaction(method);
					return null;
				}
			}
			case "getTransactionIsolation" -> {
				if (this.isolation < 0) {
					this.isolation = this.connection.getTransactionIsolation();
				}
				return this.isolation;
			}
			case "setTransactionIsolation" -> {
				int level = (int) args[0];
				if (level != this.isolation) {
					this.connection.setTransactionIsolation(level);
					this.isolation = level;
				}
				return null;
			}
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			default -> {
				if (STATEMENTS.contains(method.getName())) {
					sendMode();
					this.dirty |= !this.serverAutoCommit;
				}
			}
		}
		return call(method, args);
	}

	private void setAutoCommit(boolean requested) throws SQLException {
		this.autoCommit = requested;
		if (requested && !this.serverAutoCommit && this.dirty) {
			// JDBC: turning auto-commit on commits the transaction in progress, now, not at the next statement.
			sendMode();
		}
	}

	/** Ends the server's transaction if it has one with work in it; otherwise there is nothing to end. */
	private void endTransaction(Method method) throws Throwable {
		if (!this.serverAutoCommit && this.dirty) {
			call(method, null);
		}
		this.dirty = false;
	}

	private void sendMode() throws SQLException {
		if (this.serverAutoCommit != this.autoCommit) {
			this.connection.setAutoCommit(this.autoCommit);
			this.serverAutoCommit = this.autoCommit;
			this.dirty = false;
		}
	}

	private Object call(Method method, Object[] args) throws Throwable {
		try {
			return method.invoke(this.connection, args);
		}
		catch (InvocationTargetException ex) {
			throw ex.getCause();
		}
	}

}
