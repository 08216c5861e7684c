package dev.fanout.schedule;

import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.FanoutApplication;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Fanout servers (two application contexts, each with its own scheduler, pools and claims) on one PostgreSQL
 * repository, in a schema of this test's own, fire the same firings at the same moment: each firing runs exactly
 * once, and both schedulers go on firing. The servers disagree on one schedule's {@code threads}, as servers with
 * different defaults would: the firing is still one firing.
 */
class TwoSchedulersTests {

	private static final String SERVER = "jdbc:postgresql://127.0.0.1:5432/test";

	private static final String SCHEMA = "fanout_sched_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);

	private static final Instant START = Instant.parse("2030-03-01T08:00:30Z");

	private static ConfigurableApplicationContext first;

	private static ConfigurableApplicationContext second;

	@BeforeAll
	static void startTwoServers() throws Exception {
		try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "")) {
			connection.createStatement().execute("create schema " + SCHEMA);
		}
		first = server("first", "1");
		second = server("second", "2");
	}

	@AfterAll
	static void stopServers() throws Exception {
		for (ConfigurableApplicationContext context : new ConfigurableApplicationContext[] { first, second }) {
			if (context != null) {
				context.close();
			}
		}
		try (Connection connection = DriverManager.getConnection(SERVER, "postgres", "")) {
			connection.createStatement().execute("drop schema " + SCHEMA + " cascade");
		}
	}

	private static ConfigurableApplicationContext server(String name, String unevenThreads) {
		return new SpringApplicationBuilder(FanoutApplication.class).run("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + SERVER + "?currentSchema=" + SCHEMA,
				"--fanout.data-dir=" + TestDataDirectories.fresh("TwoSchedulersTests-" + name), "--fanout.serving=true",
				"--fanout.scheduler.enabled=false", "--fanout.schedules[0].name=shared",
				"--fanout.schedules[0].job=factorize", "--fanout.schedules[0].cron=0 * * * * *",
				"--fanout.schedules[0].zone=UTC", "--fanout.schedules[0].parameters.numbers=12,18",
				"--fanout.schedules[0].parameters.threads=1", "--fanout.schedules[1].name=uneven",
				"--fanout.schedules[1].job=factorize", "--fanout.schedules[1].cron=0 * * * * *",
				"--fanout.schedules[1].zone=UTC", "--fanout.schedules[1].parameters.numbers=30",
				"--fanout.schedules[1].parameters.threads=" + unevenThreads);
	}

	@Test
	void bothSchedulersFiringTheSameTimesAtTheSameMomentRunEachFiringOnce() throws Exception {
		Scheduler[] schedulers = { first.getBean(Scheduler.class), second.getBean(Scheduler.class) };
		for (Scheduler scheduler : schedulers) {
			scheduler.resume(START);
		}
		JdbcTemplate jdbc = first.getBean(JdbcTemplate.class);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		try {
			for (int minute = 1; minute <= 3; minute++) {
				Instant now = START.plusSeconds(60L * minute - 30).plusMillis(200);
				CyclicBarrier together = new CyclicBarrier(2);
				List<Future<List<Future<FiringOutcome>>>> ticks = new ArrayList<>();
				for (Scheduler scheduler : schedulers) {
					ticks.add(threads.submit(() -> {
						together.await(10, TimeUnit.SECONDS);
						return scheduler.tick(now);
					}));
				}
				List<FiringOutcome> shared = new ArrayList<>();
				List<FiringOutcome> uneven = new ArrayList<>();
				for (Future<List<Future<FiringOutcome>>> tick : ticks) {
					List<Future<FiringOutcome>> launches = tick.get(30, TimeUnit.SECONDS);
					assertThat(launches).as("one firing of each schedule is due").hasSize(2);
					shared.add(launches.get(0).get(30, TimeUnit.SECONDS));
					uneven.add(launches.get(1).get(30, TimeUnit.SECONDS));
				}

				String time = START.plusSeconds(60L * minute - 30).toString();
				assertThat(shared).as("minute %d", minute).containsExactlyInAnyOrder(FiringOutcome.LAUNCHED, FiringOutcome.TAKEN);
				assertThat(uneven).as("minute %d", minute).containsExactlyInAnyOrder(FiringOutcome.LAUNCHED, FiringOutcome.TAKEN);
				assertThat(statuses(jdbc, "shared@" + time)).containsExactly("COMPLETED");
				assertThat(statuses(jdbc, "uneven@" + time)).containsExactly("COMPLETED");
			}
		}
		finally {
			threads.shutdownNow();
		}
		// Later, one at a time: the firing is found by its run.id, though this server fills in other parameters.
		for (ConfigurableApplicationContext server : new ConfigurableApplicationContext[] { first, second }) {
			Schedule uneven = server.getBean(ScheduleCatalog.class).schedules().get(1);
			assertThat(server.getBean(ScheduleFiring.class).fire(uneven, START.plusSeconds(30)))
				.isEqualTo(FiringOutcome.TAKEN);
		}
		assertThat(jdbc.queryForObject("select count(*) from BATCH_JOB_EXECUTION", Integer.class))
			.as("3 minutes x 2 schedules, nothing else").isEqualTo(6);
		assertThat(jdbc.queryForObject("select count(*) from FANOUT_EXECUTION_OWNER", Integer.class))
			.as("every claim released").isZero();
	}

	private static List<String> statuses(JdbcTemplate jdbc, String runId) {
		return jdbc.queryForList("select e.STATUS from BATCH_JOB_EXECUTION e join BATCH_JOB_EXECUTION_PARAMS p on "
				+ "p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID where p.PARAMETER_NAME = 'run.id' and p.PARAMETER_VALUE = ?",
				String.class, runId);
	}

}
