package dev.fanout.batch;

import java.nio.file.Path;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

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
	void aScriptNamesSpringBatchsTablesUnderThePrefixAndKeepsFanoutsOwn() {
		String script = "CREATE TABLE IF NOT EXISTS BATCH_JOB_INSTANCE (ID BIGINT);\n"
				+ "CREATE SEQUENCE IF NOT EXISTS BATCH_JOB_SEQ;\nCREATE TABLE IF NOT EXISTS FANOUT_WORKER (ID BIGINT);";

		assertThat(PrefixedBatchSchema.withPrefix(script, "OTHER_"))
			.isEqualTo("CREATE TABLE IF NOT EXISTS OTHER_JOB_INSTANCE (ID BIGINT);\n"
					+ "CREATE SEQUENCE IF NOT EXISTS OTHER_JOB_SEQ;\nCREATE TABLE IF NOT EXISTS FANOUT_WORKER (ID BIGINT);");
	}

	private static List<String> tables(JdbcTemplate jdbc, String pattern) {
		return jdbc.queryForList("select TABLE_NAME from INFORMATION_SCHEMA.TABLES where TABLE_NAME like ?",
				String.class, pattern);
	}

}
