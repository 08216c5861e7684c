package dev.fanout.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The embedded repository as one connection to read it, for a short read command that runs without an application
 * context ({@code history}, {@code show}): no pool, no schema initialization. To the server when one runs (while it is
 * open this process counts as a client, as with the pool, so the server stays up); else to the database file itself,
 * and then no server starts until it is closed: close it before printing. Not thread-safe: one command's thread uses
 * it.
 */
public final class OneConnection implements AutoCloseable {

	private final RepositoryClient client;

	private final Connection connection;

	private final boolean file;

	private final SingleConnectionDataSource dataSource;

	private OneConnection(RepositoryClient client, Connection connection, boolean file) {
		this.client = client;
		this.connection = connection;
		this.file = file;
		this.dataSource = new SingleConnectionDataSource(connection, true);
	}

	/**
	 * The data directory's repository, or empty when it has no database yet (a first command must go through the
	 * application, which creates the tables).
	 */
	public static Optional<OneConnection> open(Path dataDir, RepositoryProperties properties)
			throws IOException, SQLException {
		RepositoryFiles files = RepositoryFiles.of(dataDir);
		if (!Files.exists(files.databaseFile())) {
			return Optional.empty();
		}
		RepositoryClient client = properties.client(files);
		client.acquire();
		try {
			Connection file = client.openFileIfNoServer();
			return Optional.of((file != null) ? new OneConnection(client, file, true)
					: new OneConnection(client, client.connect(), false));
		}
		catch (SQLException | IOException | RuntimeException ex) {
			client.release();
			throw ex;
		}
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	@Override
	public void close() throws SQLException, IOException {
		try {
			this.connection.close();
		}
		finally {
			try {
				if (this.file) {
					this.client.closeFile();
				}
			}
			finally {
				this.client.release();
			}
		}
	}

}
