package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import dev.fanout.repository.RepositoryClient;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerProcess;

/**
 * Reads the H2 repository of a data directory while separate Fanout processes may be using it (through its repository
 * server), or after they were killed.
 */
public final class RepositoryQueries {

	private static final ServerProcess SERVER = new ServerProcess(Duration.ofSeconds(60), "256m");

	/** The repositories this test JVM uses: a concurrent set. */
	private static final Set<RepositoryClient> clients = ConcurrentHashMap.newKeySet();

	/** One reader per data directory, kept for every query of this JVM: a concurrent map. */
	private static final Map<Path, Reader> readers = new ConcurrentHashMap<>();

	private RepositoryQueries() {
	}

	public static long lastExecutionId(Path data) throws SQLException {
		return queryLong(data, "select coalesce(max(JOB_EXECUTION_ID), -1) from BATCH_JOB_EXECUTION");
	}

	public static String status(Path data, long execution) throws SQLException {
		return strings(data, "select STATUS from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = " + execution).get(0);
	}

	/** The names of the step executions of one job execution. */
	public static List<String> stepNames(Path data, long execution) throws SQLException {
		return strings(data, "select STEP_NAME from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = " + execution);
	}

	/** Steps of the execution that the repository still says are running, as {@code name STATUS}. */
	public static List<String> runningSteps(Path data, long execution) throws SQLException {
		return strings(data, "select STEP_NAME || ' ' || STATUS from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = "
				+ execution + " and STATUS in ('STARTING', 'STARTED', 'STOPPING')");
	}

	/** Owner records (crash safety): one per instance being run. */
	public static long ownerRecords(Path data) throws SQLException {
		return queryLong(data, "select count(*) from FANOUT_EXECUTION_OWNER");
	}

	public static long queryLong(Path data, String sql) throws SQLException {
		if (!Files.exists(data.resolve("repository/fanout.mv.db"))) {
			return 0;
		}
		try {
			return reader(data).query(sql, (result) -> result.next() ? result.getLong(1) : 0);
		}
		catch (SQLException ex) {
			if (ex.getMessage().contains("not found")) {
				return 0; // the schema is not created yet
			}
			throw ex;
		}
	}

	/** The rows of a query, each as its columns' text. */
	public static List<String[]> rows(Path data, String sql) throws SQLException {
		return reader(data).query(sql, (result) -> {
			List<String[]> rows = new ArrayList<>();
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				String[] row = new String[columns];
				for (int i = 0; i < columns; i++) {
					row[i] = result.getString(i + 1);
				}
				rows.add(row);
			}
			return rows;
		});
	}

	private static List<String> strings(Path data, String sql) throws SQLException {
		return reader(data).query(sql, (result) -> {
			List<String> values = new ArrayList<>();
			while (result.next()) {
				values.add(result.getString(1));
			}
			return values;
		});
	}

	private static Reader reader(Path data) {
		return readers.computeIfAbsent(data.toAbsolutePath(), Reader::new);
	}

	/** What a query gives back, read from its result set. */
	private interface Extractor<T> {

		T extract(ResultSet result) throws SQLException;

	}

	/**
	 * The queries of one repository, on one connection kept open: a new connection costs ~3 ms of CPU between this
	 * JVM and the repository's server, tests poll every 10 ms, and the processes they wait for need those cores. A
	 * connection that broke (its server was killed) is replaced once. Guarded by this reader's lock: a connection
	 * serves one thread at a time.
	 */
	private static final class Reader {

		private final Path data;

		private @Nullable Connection connection;

		Reader(Path data) {
			this.data = data;
		}

		synchronized <T> T query(String sql, Extractor<T> extractor) throws SQLException {
			for (int attempt = 1;; attempt++) {
				if (this.connection == null) {
					this.connection = connect(this.data);
				}
				try (Statement statement = this.connection.createStatement();
						ResultSet result = statement.executeQuery(sql)) {
					return extractor.extract(result);
				}
				catch (SQLException ex) {
					if (attempt > 1 || this.connection.isValid(5)) {
						throw ex;
					}
					close();
				}
			}
		}

		private void close() {
			try {
				if (this.connection != null) {
					this.connection.close();
				}
			}
			catch (SQLException ex) {
				// Broken already: nothing to release.
			}
			this.connection = null;
		}

	}

	/** A connection through the repository's server, as a Fanout process makes one; the test JVM is its client. */
	public static Connection connect(Path data) throws SQLException {
		RepositoryClient client = RepositoryClient.of(RepositoryFiles.of(data), SERVER, Duration.ofSeconds(30));
		if (clients.add(client)) {
			try {
				client.acquire();
			}
			catch (IOException ex) {
				throw new SQLException(ex);
			}
		}
		return client.connect();
	}

}
