package dev.fanout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the H2 repository of a data directory while a separate Fanout process may be using it (through H2's auto
 * server), or after it was killed.
 */
public final class RepositoryQueries {

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
		try (Connection connection = connect(data); ResultSet result = connection.createStatement().executeQuery(sql)) {
			return result.next() ? result.getLong(1) : 0;
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
		List<String[]> rows = new ArrayList<>();
		try (Connection connection = connect(data); ResultSet result = connection.createStatement().executeQuery(sql)) {
			int columns = result.getMetaData().getColumnCount();
			while (result.next()) {
				String[] row = new String[columns];
				for (int i = 0; i < columns; i++) {
					row[i] = result.getString(i + 1);
				}
				rows.add(row);
			}
		}
		return rows;
	}

	private static List<String> strings(Path data, String sql) throws SQLException {
		List<String> values = new ArrayList<>();
		try (Connection connection = connect(data); ResultSet result = connection.createStatement().executeQuery(sql)) {
			while (result.next()) {
				values.add(result.getString(1));
			}
		}
		return values;
	}

	private static Connection connect(Path data) throws SQLException {
		return DriverManager.getConnection(
				"jdbc:h2:file:" + data.resolve("repository/fanout") + ";AUTO_SERVER=TRUE;IFEXISTS=TRUE", "sa", "");
	}

}
