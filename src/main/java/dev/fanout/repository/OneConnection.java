package dev.fanout.repository;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.jdbc.DatabaseDriver;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.util.ClassUtils;

/**
 * The repository as one connection to read it, for a short read command that runs without an application context
 * ({@code history}, {@code show}): no pool, no schema initialization. The embedded repository's: to the server when one
 * runs (while it is open this process counts as a client, as with the pool, so the server stays up); else to the
 * database file itself, and then no server starts until it is closed: close it before printing. Or the database that
 * {@code spring.datasource.url} names ({@link #toDatabase}). Not thread-safe: one command's thread uses it.
 */
public final class OneConnection implements AutoCloseable {

	/** The embedded repository's client; null for another database. */
	private final @Nullable RepositoryClient client;

	private final Connection connection;

	private final boolean file;

	private final SingleConnectionDataSource dataSource;

	private OneConnection(@Nullable RepositoryClient client, Connection connection, boolean file) {
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

	/**
	 * The database at {@code url} (PostgreSQL: {@code spring.datasource.url}), through its driver as Spring Boot picks
	 * it for the URL, with the settings the application's pool would give the driver: the user and password, the
	 * pool's {@code data-source-properties}, and on PostgreSQL a {@code socketTimeout} of
	 * {@code fanout.repository.network-timeout} unless they give one (see {@code RepositoryConfiguration}).
	 */
	public static OneConnection toDatabase(String url, Properties settings, RepositoryProperties repository)
			throws SQLException {
		Properties driverSettings = new Properties();
		driverSettings.putAll(settings);
		repository.boundPostgresAnswers(url, driverSettings);
		Connection connection = driver(url).connect(url, driverSettings);
		if (connection == null) {
			throw new SQLException("the driver of " + DatabaseDriver.fromJdbcUrl(url) + " does not take this URL");
		}
		return new OneConnection(null, connection, false);
	}

	private static Driver driver(String url) throws SQLException {
		String className = DatabaseDriver.fromJdbcUrl(url).getDriverClassName();
		if (className == null) {
			throw new SQLException("no known driver for the URL");
		}
		try {
			return (Driver) ClassUtils.forName(className, OneConnection.class.getClassLoader())
				.getDeclaredConstructor()
				.newInstance();
		}
		catch (ReflectiveOperationException | LinkageError ex) {
			throw new SQLException("cannot load the driver " + className, ex);
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
			if (this.client != null) {
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

}
