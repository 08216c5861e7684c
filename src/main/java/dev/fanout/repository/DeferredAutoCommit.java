package dev.fanout.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Set;

import org.springframework.aop.support.AopUtils;

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
 * A statement run in auto-commit mode between transactions (Fanout's own bookkeeping: a run's owner record, a
 * partition's read of its share) is not worth two switches of the server's mode: it runs in the server's transaction
 * and is committed as soon as it has run, two round trips where switching took three. A third such statement since
 * the connection's last transaction switches the server to auto-commit after all, so that a long run of them costs two
 * round trips more than switching, not one per statement. (Two, not one: the pool hands a connection to one borrower
 * after another, and the statements of different borrowers between two transactions are not a run.) Results outlive
 * the commit (H2 holds cursors over commits, and computes a query's rows before it answers).
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

	/** Statements committed alone in a row, between two transactions, before the server is switched instead. */
	private static final int ALONE = 2;

	/** The methods among {@link #STATEMENTS} that return a statement, which can be committed alone. */
	private static final Set<String> STATEMENT_FACTORIES = Set.of("createStatement", "prepareStatement",
			"prepareCall");

	private final Connection connection;

	/** The mode the caller asked for. */
	private boolean autoCommit;

	/** The mode the server has. */
	private boolean serverAutoCommit;

	/** Whether a statement ran since the server's transaction began (so a commit or rollback has work to end). */
	private boolean dirty;

	/** Statements committed alone since the caller last switched auto-commit on; at most {@link #ALONE}. */
	private int committedAlone;

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
				if (STATEMENT_FACTORIES.contains(method.getName()) && this.autoCommit && !this.serverAutoCommit
						&& this.committedAlone < ALONE) {
					sendIsolation();
					this.committedAlone++;
					return Proxy.newProxyInstance(DeferredAutoCommit.class.getClassLoader(),
							new Class<?>[] { method.getReturnType() }, new CommittedAlone((Statement) call(method, args)));
				}
				if (STATEMENTS.contains(method.getName())) {
					enterCallersMode();
				}
			}
		}
		return call(method, args);
	}

	private void setAutoCommit(boolean requested) throws SQLException {
		if (requested && !this.autoCommit) {
			this.committedAlone = 0; // a transaction has ended: the next statements may be committed alone
		}
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

	/** Before a statement runs in the caller's mode: the mode sent if the server's differs, the statement's work noted. */
	private void enterCallersMode() throws SQLException {
		sendMode();
		this.dirty |= !this.serverAutoCommit;
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
		return AopUtils.invokeJoinpointUsingReflection(this.connection, method, args);
	}

	/**
	 * Runs an execution of a statement made in auto-commit mode while the server was not in it: committed as soon as
	 * it has run, or rolled back if it fails, as auto-commit would; unless the caller has begun a transaction since, or
	 * the server is in auto-commit mode now.
	 */
	private Object executeAlone(Statement statement, Method method, Object[] args) throws Throwable {
		if (!this.autoCommit) {
			// The caller has begun a transaction since the statement was made: it runs in that one.
			enterCallersMode();
			return AopUtils.invokeJoinpointUsingReflection(statement, method, args);
		}
		if (this.serverAutoCommit) {
			return AopUtils.invokeJoinpointUsingReflection(statement, method, args);
		}
		Object result;
		try {
			result = AopUtils.invokeJoinpointUsingReflection(statement, method, args);
		}
		catch (Throwable ex) {
			try {
				this.connection.rollback();
			}
			catch (SQLException notRolledBack) {
				ex.addSuppressed(notRolledBack);
			}
			this.dirty = false;
			throw ex;
		}
		this.connection.commit();
		this.dirty = false;
		return result;
	}

	/** A statement whose executions {@link #executeAlone} runs. */
	private final class CommittedAlone implements InvocationHandler {

		private final Statement statement;

		CommittedAlone(Statement statement) {
			this.statement = statement;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			return switch (method.getName()) {
				case "equals" -> proxy == args[0];
				case "hashCode" -> System.identityHashCode(proxy);
				default -> method.getName().startsWith("execute") ? executeAlone(this.statement, method, args)
						: AopUtils.invokeJoinpointUsingReflection(this.statement, method, args);
			};
		}

	}

}
