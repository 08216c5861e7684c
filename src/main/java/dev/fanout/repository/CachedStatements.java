package dev.fanout.repository;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.aop.support.AopUtils;

/**
 * A connection to the repository's server that keeps its prepared statements for the next caller of the same SQL.
 * H2's client prepares every statement on the server, a round trip before the one that runs it, and a job run
 * prepares the same few dozen statements again and again: kept, a statement costs one round trip instead of two.
 * <p>
 * {@code prepareStatement(sql)} hands out a statement of its own to each caller; its {@code close} clears the
 * parameters and keeps the server's statement for the next caller, unless the caller changed one of its settings
 * (fetch size, timeout...), which would carry over: then it is closed for real. A row limit ({@code setMaxRows}, which
 * Spring Batch sets on its read of a step's last execution, three times a factorize run) is put back instead: H2's
 * client keeps it and sends it with each query, so putting it back costs nothing. The least recently used statements
 * beyond {@link #CAPACITY} are closed, and all are when the connection closes.
 * <p>
 * Not thread-safe, as a JDBC connection is not: one thread uses it at a time (the pool hands it to one borrower), and
 * its statements with it.
 */
final class CachedStatements implements InvocationHandler {

	/**
	 * Statements kept per connection. H2's server keeps a session's objects (statements, results) by id and drops
	 * those 64 ids older than the newest once it holds more than 128; its client prepares such an old statement again
	 * before it runs it. So a kept statement saves its round trip when it is used again within 64 new objects (a job
	 * run's step bookkeeping is), and keeping more than 64 would save nothing.
	 */
	static final int CAPACITY = 64;

	/** Statement settings that outlive an execution: a statement whose caller changed one is not kept. */
	private static final Set<String> SETTINGS = Set.of("setFetchSize", "setFetchDirection", "setMaxFieldSize",
			"setQueryTimeout", "setEscapeProcessing", "setCursorName", "setPoolable", "closeOnCompletion");

	/** The row limit's setters: put back to none ({@code setMaxRows(0)}) when the statement is kept. */
	private static final Set<String> ROW_LIMITS = Set.of("setMaxRows", "setLargeMaxRows");

	private final Connection connection;

	/** Kept statements by SQL, least recently used first. */
	private final Map<String, PreparedStatement> idle = new LinkedHashMap<>(CAPACITY, 0.75f, true);

	private CachedStatements(Connection connection) {
		this.connection = connection;
	}

	static Connection wrap(Connection connection) {
		return (Connection) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
				new Class<?>[] { Connection.class }, new CachedStatements(connection));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
		switch (method.getName()) {
			case "prepareStatement" -> {
				if (args.length == 1) {
					return checkOut((String) args[0]);
				}
			}
			case "close" -> {
				closeIdle();
			}
			case "equals" -> {
				return proxy == args[0];
			}
			case "hashCode" -> {
				return System.identityHashCode(proxy);
			}
			default -> {
			}
		}
		return AopUtils.invokeJoinpointUsingReflection(this.connection, method, args);
	}

	private PreparedStatement checkOut(String sql) throws SQLException {
		PreparedStatement statement = this.idle.remove(sql);
		if (statement == null || statement.isClosed()) {
			statement = this.connection.prepareStatement(sql);
		}
		return (PreparedStatement) Proxy.newProxyInstance(CachedStatements.class.getClassLoader(),
				new Class<?>[] { PreparedStatement.class }, new CheckedOut(sql, statement));
	}

	private void checkIn(String sql, PreparedStatement statement, boolean reusable, boolean rowLimited)
			throws SQLException {
		if (!reusable || this.connection.isClosed()) {
			statement.close();
			return;
		}
		if (rowLimited) {
			statement.setMaxRows(0);
		}
		statement.clearParameters();
		statement.clearBatch();
		PreparedStatement twin = this.idle.put(sql, statement);
		if (twin != null) {
			// Two callers held the same SQL at once: one of them is enough to keep.
			twin.close();
		}
		if (this.idle.size() > CAPACITY) {
			Iterator<PreparedStatement> eldest = this.idle.values().iterator();
			PreparedStatement evicted = eldest.next();
			eldest.remove();
			evicted.close();
		}
	}

	/** Closes the kept statements as the connection closes, which frees them on the server in any case. */
	private void closeIdle() {
		for (PreparedStatement statement : this.idle.values()) {
			try {
				statement.close();
			}
			catch (SQLException ex) {
				// The connection's close, next, ends the session and every statement in it.
			}
		}
		this.idle.clear();
	}

	/**
	 * One caller's hold on a kept statement, from {@code prepareStatement} to {@code close}: after its close it refuses
	 * every use, since the statement may already be another caller's.
	 */
	private final class CheckedOut implements InvocationHandler {

		private final String sql;

		private final PreparedStatement statement;

		private boolean closed;

		private boolean reusable = true;

		private boolean rowLimited;

		CheckedOut(String sql, PreparedStatement statement) {
			this.sql = sql;
			this.statement = statement;
		}

		@Override
		public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
			String name = method.getName();
			switch (name) {
				case "close" -> {
					if (!this.closed) {
						this.closed = true;
						checkIn(this.sql, this.statement, this.reusable, this.rowLimited);
					}
					return null;
				}
				case "isClosed" -> {
					return this.closed;
				}
				case "equals" -> {
					return proxy == args[0];
				}
				case "hashCode" -> {
					return System.identityHashCode(proxy);
				}
				default -> {
				}
			}
			if (this.closed) {
				throw new SQLException("statement closed: " + this.sql);
			}
			if (SETTINGS.contains(name)) {
				this.reusable = false;
			}
			this.rowLimited |= ROW_LIMITS.contains(name);
			return AopUtils.invokeJoinpointUsingReflection(this.statement, method, args);
		}

	}

}
