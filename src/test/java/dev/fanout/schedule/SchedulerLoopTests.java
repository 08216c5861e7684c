package dev.fanout.schedule;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.Await;
import dev.fanout.FanoutApplication;
import dev.fanout.RepositoryQueries;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The scheduler's own thread in serve mode, on the wall clock: a schedule that fires every second launches its job,
 * and closing the application stops the firing, then the scheduled job, leaving nothing running.
 */
class SchedulerLoopTests {

	@Test
	void firesOnTheWallClockAndStopsCleanlyOnShutdown() throws Exception {
		Path data = TestDataDirectories.fresh("SchedulerLoopTests");
		SchedulerLifecycle lifecycle;
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FanoutApplication.class).run(
				"--fanout.data-dir=" + data, "--fanout.serving=true", "--fanout.scheduler.launch-threads=1",
				"--fanout.schedules[0].name=ticking", "--fanout.schedules[0].job=factorize",
				"--fanout.schedules[0].cron=* * * * * *", "--fanout.schedules[0].parameters.numbers=12",
				"--fanout.schedules[0].parameters.threads=1")) {
			lifecycle = context.getBean(SchedulerLifecycle.class);
			assertThat(lifecycle.isRunning()).isTrue();
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			Await.until("a firing of 'ticking' completed", Duration.ofSeconds(30),
					() -> jdbc.queryForObject("select count(*) from BATCH_JOB_EXECUTION e join BATCH_JOB_EXECUTION_PARAMS p "
							+ "on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID where p.PARAMETER_NAME = 'run.id' and "
							+ "p.PARAMETER_VALUE like 'ticking@%' and e.STATUS = 'COMPLETED'", Integer.class) > 0);
		}
		assertThat(lifecycle.isRunning()).isFalse();
		try (Connection connection = RepositoryQueries.connect(data)) {
			assertThat(count(connection, "select count(*) from BATCH_JOB_EXECUTION where STATUS in ('STARTING', "
					+ "'STARTED', 'STOPPING')")).as("shutdown waits for (or stops) the scheduled job").isZero();
			assertThat(count(connection, "select count(*) from (select PARAMETER_VALUE from BATCH_JOB_EXECUTION_PARAMS "
					+ "where PARAMETER_NAME = 'run.id' group by PARAMETER_VALUE having count(*) > 1)"))
				.as("no firing ran twice").isZero();
			assertThat(count(connection, "select count(*) from BATCH_JOB_EXECUTION_PARAMS where PARAMETER_NAME = "
					+ "'run.id' and PARAMETER_VALUE not regexp '^ticking@\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ$'"))
				.as("every firing is identified by its whole scheduled second").isZero();
		}
	}

	private static long count(Connection connection, String sql) throws Exception {
		try (ResultSet result = connection.createStatement().executeQuery(sql)) {
			result.next();
			return result.getLong(1);
		}
	}

}
