package dev.fanout.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Set;

/**
 * A connection to the repository's server that sends its auto-commit mode and isolation level only when they matter.
 * H2's client sends every {@code setAutoCommit} and {@code get}/{@code setTransactionIsolation} to the server, a
 * round trip each, and Spring's transaction manager calls them around every transaction: turning auto-commit off and
 * on again, reading and restoring the isolation level. They were a quarter of a job run's round trips.
 * <p>
 * Here the mode and the isolation level the caller asked for are kept, and sent just before the next statement is
 * created if the server's differ: back-to-back transactions leave the server in manual-commit mode and send nothing,
 * and a level restored after one transaction and asked for again by the next is never sent. Spring Batch creates
 * each instance, execution and step execution at its {@code spring.batch.jdbc.isolation-level-for-create}
 * (Fanout's is the default, read committed; Spring Batch's own is {@code SERIALIZABLE}) and reads and updates them at
 * the default: H2's client sent each switch as a commit and a statement prepared and run (three round trips), twice
 * per creation. Here a switch that must reach the server is one kept statement ({@link CachedStatements}), without
 * the commit: the server commits the transaction in progress itself when its level changes, as it does for H2's own
 * client.
 * <p>
 * What JDBC promises is kept: switching auto-commit on with uncommitted work commits it at once, and so does changing
 * the isolation level (as H2 does); {@code commit} and {@code rollback} of a transaction that created no statement
 * have nothing to end and send nothing; the isolation level is read once, and each statement runs at the level asked
 * for when it was created.
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

	/** The isolation level the caller asked for, once known (-1 before it asked or read it). */
	private int isolation = -1;

	/** The isolation level the server has, once known (-1 before). */
	private int serverIsolation = -1;

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
					this.serverIsolation = this.isolation;
				}
				return this.isolation;
			}
			case "setTransactionIsolation" -> {
				setTransactionIsolation((int) args[0]);
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

	private void setTransactionIsolation(int level) throws SQLException {
		this.isolation = level;
		if (this.dirty && !this.serverAutoCommit) {
			// JDBC leaves a change inside a transaction to the driver; H2 commits the work in progress, at once.
			sendIsolation();
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
		sendIsolation();
		if (this.serverAutoCommit != this.autoCommit) {
			this.connection.setAutoCommit(this.autoCommit);
			this.serverAutoCommit = this.autoCommit;
			this.dirty = false;
		}
	}

	/** Sends the level asked for if the server's differs; the server commits its transaction in progress first. */
	private void sendIsolation() throws SQLException {
		if (this.isolation < 0 || this.isolation == this.serverIsolation) {
			return;
		}
		String name = switch (this.isolation) {
			case Connection.TRANSACTION_READ_UNCOMMITTED -> "READ UNCOMMITTED";
			case Connection.TRANSACTION_READ_COMMITTED -> "READ COMMITTED";
			case Connection.TRANSACTION_REPEATABLE_READ -> "REPEATABLE READ";
			case Connection.TRANSACTION_SERIALIZABLE -> "SERIALIZABLE";
			default -> null;
		};
		if (name == null) {
			this.connection.setTransactionIsolation(this.isolation); // H2's own levels, e.g. SNAPSHOT
		}
		else {
			// The statement H2's client sends, kept for the next switch: one round trip.
			try (PreparedStatement statement = this.connection
				.prepareStatement("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL " + name)) {
				statement.executeUpdate();
			}
		}
		this.serverIsolation = this.isolation;
		this.dirty = false;
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
