package dev.fanout.schedule;

import java.sql.Connection;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import dev.fanout.PostgresSchema;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The look-up of a firing by its {@code run.id} finds the newest execution of that firing, and reads a few rows by
 * index (the parameters through the schema scripts' index) instead of scanning a table: on H2, and on the real PostgreSQL server of this
 * machine (127.0.0.1:5432, database {@code test}, a schema of this test's own, dropped afterwards), there also with the
 * generic plan that a prepared statement comes to.
 */
class ScheduleRunsTests {

	private static final String LOOKUP = ScheduleRuns.lastExecutionByRunId("BATCH_");

	/** Instances of the job in the repository, each with one execution and three parameters. */
	private static final int INSTANCES = 3000;

	/** The firing looked up: its instance ran twice (a failed run, then its restart). */
	private static final String FIRING = "nightly@2026-11-23T01:00:00Z";

	@Test
	void findsAFiringsNewestExecutionThroughTheIndexOnH2() {
		EmbeddedDatabase h2 = new EmbeddedDatabaseBuilder().generateUniqueName(true)
			.setType(EmbeddedDatabaseType.H2)
			.addScript("classpath:dev/fanout/repository/schema-h2.sql")
			.build();
		try {
			JdbcTemplate jdbc = new JdbcTemplate(h2);
			long restart = fill(jdbc);

			assertThat(jdbc.queryForObject(LOOKUP, Long.class, FIRING, "factorize")).isEqualTo(restart);
			assertThat(jdbc.queryForObject(LOOKUP, Long.class, FIRING, "sensors")).as("another job").isNull();
			String plan = jdbc.queryForObject("explain analyze " + LOOKUP, String.class, FIRING, "factorize");
			assertThat(plan).contains("BATCH_JOB_EXECUTION_PARAMS_RUN_ID");
			// Rows each table's access read: a few, not the job's thousands of instances or their parameters.
			assertThat(Pattern.compile("scanCount: (\\d+)").matcher(plan).results()
				.map((count) -> Integer.parseInt(count.group(1))))
				.as(plan)
				.hasSize(3)
				.allMatch((count) -> count <= 10);
		}
		finally {
			h2.shutdown();
		}
	}

	@Test
	void findsAFiringsNewestExecutionThroughTheIndexOnPostgresqlAlsoWithAGenericPlan() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create("fanout_runs_"); Connection connection = schema.connect()) {
			ScriptUtils.executeSqlScript(connection, new ClassPathResource("dev/fanout/repository/schema-postgresql.sql"));
			JdbcTemplate jdbc = new JdbcTemplate(new SingleConnectionDataSource(connection, true));
			long restart = fill(jdbc);
			jdbc.execute("analyze");

			assertThat(jdbc.queryForObject(LOOKUP, Long.class, FIRING, "factorize")).isEqualTo(restart);
			assertThat(jdbc.queryForObject(LOOKUP, Long.class, FIRING, "sensors")).as("another job").isNull();
			// A prepared statement run often enough gets a plan for any parameter values: the index must fit it too.
			jdbc.execute("set plan_cache_mode = force_generic_plan");
			jdbc.execute("prepare lookup(varchar, varchar) as " + LOOKUP.replaceFirst("\\?", "\\$1")
				.replaceFirst("\\?", "\\$2"));
			String plan = String.join("\n",
					jdbc.queryForList("explain execute lookup('%s', 'factorize')".formatted(FIRING), String.class));
			assertThat(plan).contains("Index Scan using batch_job_execution_params_run_id").doesNotContain("Seq Scan");
		}
	}

	/**
	 * {@link #INSTANCES} instances of factorize, one of them the firing, which failed and was restarted; returns the
	 * restart's execution id.
	 */
	private static long fill(JdbcTemplate jdbc) {
		Timestamp now = Timestamp.from(Instant.now());
		List<Object[]> instances = new ArrayList<>();
		List<Object[]> executions = new ArrayList<>();
		List<Object[]> parameters = new ArrayList<>();
		for (long id = 1; id <= INSTANCES; id++) {
			String runId = (id == INSTANCES / 2) ? FIRING
					: (id % 2 == 0) ? "nightly@2026-%02d-01T01:00:00Z".formatted(id % 12 + 1) + id : Long.toString(id);
			instances.add(new Object[] { id, "factorize", "key" + id });
			executions.add(new Object[] { id, id, now, runId.equals(FIRING) ? "FAILED" : "COMPLETED" });
			parameters.add(new Object[] { id, "run.id", runId });
			parameters.add(new Object[] { id, "threads", "2" });
			parameters.add(new Object[] { id, "numbers", "12,18," + id });
		}
		long restart = INSTANCES + 1;
		executions.add(new Object[] { restart, (long) INSTANCES / 2, now, "COMPLETED" });
		parameters.add(new Object[] { restart, "run.id", FIRING });
		jdbc.batchUpdate("insert into BATCH_JOB_INSTANCE (JOB_INSTANCE_ID, VERSION, JOB_NAME, JOB_KEY) "
				+ "values (?, 0, ?, ?)", instances);
		jdbc.batchUpdate("insert into BATCH_JOB_EXECUTION (JOB_EXECUTION_ID, VERSION, JOB_INSTANCE_ID, CREATE_TIME, "
				+ "STATUS) values (?, 0, ?, ?, ?)", executions);
		jdbc.batchUpdate("insert into BATCH_JOB_EXECUTION_PARAMS (JOB_EXECUTION_ID, PARAMETER_NAME, PARAMETER_TYPE, "
				+ "PARAMETER_VALUE, IDENTIFYING) values (?, ?, 'java.lang.String', ?, 'Y')", parameters);
		return restart;
	}

}
