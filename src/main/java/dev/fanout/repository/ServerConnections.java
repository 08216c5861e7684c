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

	ServerConnections(RepositoryClient client) {
		this.client = client;
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
