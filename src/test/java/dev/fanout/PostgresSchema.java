package dev.fanout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.UUID;

/**
 * A throwaway schema on this machine's real PostgreSQL server (127.0.0.1:5432, database {@code test}, user
 * {@code postgres}, trust authentication, as {@code .ci/run} starts it): created by {@link #create}, dropped with
 * everything in it by {@link #close}. Its name starts with the given prefix, so that schemas a killed run left behind
 * can be found and dropped by hand.
 */
public final class PostgresSchema implements AutoCloseable {

	/** The server's database, without a schema. */
	public static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

	public static final String USER = "postgres";

	private final String name;

	private PostgresSchema(String name) {
		this.name = name;
	}

	/** Creates a schema named {@code prefix} and 12 random hexadecimal digits. */
	public static PostgresSchema create(String prefix) throws SQLException {
		PostgresSchema schema = new PostgresSchema(prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12));
		schema.execute("create schema " + schema.name);
		return schema;
	}

	public String name() {
		return this.name;
	}

	/** The JDBC URL whose connections use this schema. */
	public String url() {
		return SERVER + "?currentSchema=" + this.name;
	}

	/** A new connection to this schema. */
	public Connection connect() throws SQLException {
		return DriverManager.getConnection(url(), USER, "");
	}

	@Override
	public void close() throws SQLException {
		execute("drop schema " + this.name + " cascade");
	}

	private void execute(String statement) throws SQLException {
		try (Connection connection = DriverManager.getConnection(SERVER, USER, "")) {
			connection.createStatement().execute(statement);
		}
	}

}
