package dev.fanout.repository;

import java.sql.Connection;
import java.sql.SQLException;

import org.springframework.jdbc.datasource.AbstractDataSource;

/** The connection source under the repository's pool: each connection goes to the server, started if need be. */
class ServerConnections extends AbstractDataSource {

	private final RepositoryClient client;

	ServerConnections(RepositoryClient client) {
		this.client = client;
	}

	@Override
	public Connection getConnection() throws SQLException {
		return this.client.connect();
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		return this.client.connect(); // the repository's own credentials, never configured ones
	}

}
