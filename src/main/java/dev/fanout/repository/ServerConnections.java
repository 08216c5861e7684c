package dev.fanout.repository;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.datasource.AbstractDataSource;

/**
 * The connection source under the repository's pool: each connection goes to the server, started if need be, and
 * sends its auto-commit mode only when a statement needs it ({@link DeferredAutoCommit}), and keeps its prepared
 * statements for reuse ({@link CachedStatements}).
 */
class ServerConnections extends AbstractDataSource {

	private final RepositoryClient client;

	/**
	 * Hikari sets its connection timeout here, and at shutdown waits up to it for a connection it is adding (to the
	 * local server: milliseconds). Refused, as Spring's base class refuses it, Hikari logged the refusal at every start
	 * and did not wait, so that most short commands logged "Timed-out waiting for add connection executor to shutdown"
	 * as they exited. Volatile: set by the pool as it starts, read by its threads.
	 */
	private volatile int loginTimeout;

	ServerConnections(RepositoryClient client) {
		this.client = client;
	}

	@Override
	public int getLoginTimeout() {
		return this.loginTimeout;
	}

	@Override
	public void setLoginTimeout(int seconds) {
		this.loginTimeout = seconds;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return DeferredAutoCommit.wrap(CachedStatements.wrap(this.client.connect()));
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return getConnection(); // the repository's own credentials, never configured ones
	}

}
