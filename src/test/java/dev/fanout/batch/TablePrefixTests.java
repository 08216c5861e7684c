package dev.fanout.batch;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.cli.StartFailures;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Spring Batch's tables under another prefix ({@code spring.batch.jdbc.table-prefix}): they are created under it, and
 * every command that reads or writes them itself finds them there.
 */
class TablePrefixTests {

	@Test
	void theTablesAreCreatedUnderTheConfiguredPrefixAndEveryCommandFindsThem() {
		Path data = TestDataDirectories.fresh("TablePrefixTests");
		try (InProcessFanout fanout = new InProcessFanout(data, List.of("--spring.batch.jdbc.table-prefix=OTHER_"))) {
			JdbcTemplate jdbc = new JdbcTemplate(fanout.bean(DataSource.class));
			assertThat(tables(jdbc, "OTHER_%")).contains("OTHER_JOB_INSTANCE", "OTHER_JOB_EXECUTION",
					"OTHER_STEP_EXECUTION_CONTEXT");
			assertThat(tables(jdbc, "BATCH_%")).isEmpty();

			CommandResult run = fanout.run("run", "factorize", "numbers=12,18");
			assertThat(run.exitCode()).as(run.err()).isZero();
			assertThat(fanout.run("history").out()).contains("factorize", "COMPLETED");
			assertThat(fanout.run("show", Long.toString(run.executionId())).out()).contains("factorizeWorker");
			CommandResult recover = fanout.run("recover", "--orphans");
			assertThat(recover.exitCode()).as(recover.err()).isZero();
			CommandResult prune = fanout.run("prune", "--older-than", "0s");
			assertThat(prune.exitCode()).as(prune.err()).isZero();
			assertThat(jdbc.queryForObject("select count(*) from OTHER_JOB_INSTANCE", Long.class)).isZero();
		}
	}

	@Test
	void aPrefixThatIsNotTheStartOfATableNameStopsTheStartWithOneLineThatSaysWhatToGive() {
		Path data = TestDataDirectories.fresh("TablePrefixTests-bad");
		Throwable failure = catchThrowable(
				() -> new InProcessFanout(data, List.of("--spring.batch.jdbc.table-prefix=bad prefix")).close());

		assertThat(failure).isInstanceOf(RuntimeException.class);
		assertThat(StartFailures.describe((RuntimeException) failure, null)).isEqualTo(new StartFailures.StartFailure(
				"setting spring.batch.jdbc.table-prefix (env SPRING_BATCH_JDBC_TABLE_PREFIX) is 'bad prefix': expected "
						+ "the start of a table name: letters, digits and underscores, optionally after a schema and a dot "
						+ "(e.g. FANOUT_BATCH_ or batch.BATCH_)", ExitCodes.USAGE));
		for (String prefix : List.of("BATCH_;drop table X;", "1BATCH_", "a.b.c_", "")) {
			MockEnvironment environment = new MockEnvironment().withProperty("spring.batch.jdbc.table-prefix", prefix);

			assertThatIllegalArgumentException().as(prefix)
				.isThrownBy(() -> BatchTables.prefix(environment))
				.withMessage(refusal(prefix));
		}
	}

	private static String refusal(String prefix) {
		return "spring.batch.jdbc.table-prefix=%s: expected the start of a table name: letters, digits and "
			.formatted(prefix) + "underscores, optionally after a schema and a dot (e.g. FANOUT_BATCH_ or batch.BATCH_)";
	}

	@Test
	void aPrefixMayNameASchema() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.batch.jdbc.table-prefix",
				"batch.FANOUT_");

		assertThat(BatchTables.prefix(environment)).isEqualTo("batch.FANOUT_");
		assertThat(BatchTables.prefix(new MockEnvironment())).isEqualTo("BATCH_");
	}

	@Test
	void aScriptNamesSpringBatchsTablesUnderThePrefixAndKeepsFanoutsOwn() {
		String script = "CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE (ID BIGINT);\n"
				+ "CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_SEQ;\n"
				+ "CREATE TABLE IF NOT EXISTS FANOUT_WORKER (ID BIGINT);";

		assertThat(PrefixedBatchSchema.withPrefix(script, "OTHER_"))
			.isEqualTo("CREATE TABLE IF NOT EXISTS OTHER_JOB_INSTANCE (ID BIGINT);\n"
					+ "CREATE SEQUENCE IF NOT EXISTS OTHER_JOB_SEQ;\n"
					+ "CREATE TABLE IF NOT EXISTS FANOUT_WORKER (ID BIGINT);");
	}

	@Test
	void anIndexOfSpringBatchsTablesIsNamedWithoutThePrefixsSchema() {
		// PostgreSQL refuses a schema in an index's name; both databases put an index in its table's schema.
		String script = "CREATE INDEX IF NOT EXISTS BATCH_JOB_EXECUTION_PARAMS_RUN_ID ON BATCH_JOB_EXECUTION_PARAMS "
				+ "(PARAMETER_VALUE);\nCREATE INDEX IF NOT EXISTS FANOUT_WORKER_HOST ON FANOUT_WORKER (HOST);";

		assertThat(PrefixedBatchSchema.withPrefix(script, "batch.OTHER_"))
			.isEqualTo("CREATE INDEX IF NOT EXISTS OTHER_JOB_EXECUTION_PARAMS_RUN_ID ON batch.OTHER_JOB_EXECUTION_PARAMS "
					+ "(PARAMETER_VALUE);\nCREATE INDEX IF NOT EXISTS FANOUT_WORKER_HOST ON FANOUT_WORKER (HOST);");
	}

	private static List<String> tables(JdbcTemplate jdbc, String pattern) {
		return jdbc.queryForList("select TABLE_NAME from INFORMATION_SCHEMA.TABLES where TABLE_NAME like ?",
				String.class, pattern);
	}

}
