package dev.fanout.schedule;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.FanoutProcess;
import dev.fanout.PostgresSchema;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two Fanout servers, two real {@code serve} processes (each with its own process identity, heartbeat, scheduler,
 * pools and claims), on one PostgreSQL repository in a schema of this test's own, fire the same firings on the real
 * clock: each firing runs exactly once, launched by one server while the other finds it taken (its claim held by a
 * live process, or its execution there), and both schedulers go on firing. The servers disagree on one schedule's
 * {@code threads}, as servers with different defaults would: the firing is still one firing.
 */
@RunsBesideTheSuite
class TwoSchedulersTests {

	/** Every 3 s: a few firings take seconds, and a firing (factorize of 2 small numbers) ends well within one. */
	private static final String CRON = "*/3 * * * * *";

	/** Firings of each schedule, due in both servers, whose handling is checked. */
	private static final int FIRINGS = 3;

	private static final Duration PATIENCE = Duration.ofSeconds(120);

	private static final Pattern NEXT_FIRING = Pattern.compile("Schedule shared \\(.*next firing (\\S+)");

	@Test
	void bothSchedulersFiringTheSameTimesRunEachFiringOnce() throws Exception {
		PostgresSchema schema = PostgresSchema.create("fanout_sched_");
		Path firstData = TestDataDirectories.fresh("TwoSchedulersTests-first");
		Path secondData = TestDataDirectories.fresh("TwoSchedulersTests-second");
		FanoutProcess.Started first = serve(firstData, schema, "1");
		FanoutProcess.Started second = serve(secondData, schema, "2");
		try {
			// Firings from the later of the two servers' first firings on are due in both.
			Instant start = later(awaitNextFiring(first, firstData), awaitNextFiring(second, secondData));
			List<Instant> times = new ArrayList<>();
			for (int i = 0; i < FIRINGS; i++) {
				times.add((i == 0) ? start : times.get(i - 1).plusSeconds(3));
			}
			for (Instant time : times) {
				for (String schedule : List.of("shared", "uneven")) {
					String runId = schedule + "@" + time;
					Await.until("both servers handling firing " + runId, PATIENCE, () -> {
						requireAlive(first, second);
						return handled(log(firstData), runId) && handled(log(secondData), runId);
					});
					String firstLog = log(firstData);
					String secondLog = log(secondData);
					assertThat(List.of(launched(firstLog, runId), launched(secondLog, runId)))
						.as("exactly one server launched %s", runId)
						.containsExactlyInAnyOrder(true, false);
					assertThat(taken(launched(firstLog, runId) ? secondLog : firstLog, runId))
						.as("the other server found %s taken", runId)
						.isTrue();
				}
			}
			stop(first);
			stop(second);

			try (Connection connection = schema.connect()) {
				for (Instant time : times) {
					for (String schedule : List.of("shared", "uneven")) {
						String runId = schedule + "@" + time;
						assertThat(statuses(connection, runId)).as("%s, exit messages: %s", runId,
								exitMessages(connection, runId))
							.containsExactly("COMPLETED");
					}
				}
				assertThat(query(connection, "select count(*) from (select p.PARAMETER_VALUE from "
						+ "BATCH_JOB_EXECUTION_PARAMS p where p.PARAMETER_NAME = 'run.id' group by p.PARAMETER_VALUE "
						+ "having count(*) > 1) t"))
					.as("no firing, in the window or out of it, ran twice")
					.isZero();
				assertThat(query(connection, "select count(*) from BATCH_JOB_EXECUTION where STATUS <> 'COMPLETED'"))
					.as("every firing completed")
					.isZero();
				assertThat(query(connection, "select count(*) from FANOUT_EXECUTION_OWNER")).as("every claim released")
					.isZero();
			}
		}
		finally {
			for (FanoutProcess.Started server : List.of(first, second)) {
				if (server.isAlive()) {
					server.kill9();
				}
			}
			schema.close();
		}
	}

	/**
	 * {@code serve} with the two schedules in a YAML file of its own: the CLI takes {@code --name=value} settings
	 * without indexes, and the servers differ in one parameter.
	 */
	private static FanoutProcess.Started serve(Path data, PostgresSchema schema, String unevenThreads)
			throws Exception {
		Path settings = data.resolve("schedules.yml");
		Files.writeString(settings, """
				fanout:
				  schedules:
				    - name: shared
				      job: factorize
				      cron: "%s"
				      zone: UTC
				      parameters: { numbers: "12,18", threads: "1" }
				    - name: uneven
				      job: factorize
				      cron: "%s"
				      zone: UTC
				      parameters: { numbers: "30", threads: "%s" }
				""".formatted(CRON, CRON, unevenThreads));
		return new FanoutProcess(data).start("serve", "--server.port=0", "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + schema.url(),
				"--spring.config.additional-location=file:" + settings);
	}

	/** The first firing the server's scheduler looks for, as it logs when it starts. */
	private static Instant awaitNextFiring(FanoutProcess.Started server, Path data) throws Exception {
		Await.until("the scheduler of " + data.getFileName() + " starting", PATIENCE, () -> {
			requireAlive(server);
			return NEXT_FIRING.matcher(log(data)).find();
		});
		Matcher matcher = NEXT_FIRING.matcher(log(data));
		matcher.find();
		return Instant.parse(matcher.group(1));
	}

	private static Instant later(Instant a, Instant b) {
		return a.isAfter(b) ? a : b;
	}

	private static String log(Path data) throws Exception {
		Path log = data.resolve("logs/fanout.log");
		return Files.exists(log) ? Files.readString(log) : "";
	}

	private static boolean launched(String log, String runId) {
		return log.contains("Firing " + runId + ": launching ");
	}

	/**
	 * Found launched already, or its claim held by a live process that has created its instance
	 * ({@link ScheduleFiring}); a claim without an instance yet is only pending, looked at again at the next tick.
	 */
	private static boolean taken(String log, String runId) {
		return log.contains("Firing " + runId + " of factorize was launched already")
				|| log.contains("Firing " + runId + " is being launched by ");
	}

	/** The server launched the firing (and the launch ended) or found it taken. */
	private static boolean handled(String log, String runId) {
		return taken(log, runId) || log.contains("Firing " + runId + ": execution ");
	}

	private static void requireAlive(FanoutProcess.Started... servers) throws Exception {
		for (FanoutProcess.Started server : servers) {
			if (!server.isAlive()) {
				throw new AssertionError("a server ended:\n" + server.finish());
			}
		}
	}

	/** SIGTERM, as a service manager stops a server: it stops firing, lets its jobs end and exits 0. */
	private static void stop(FanoutProcess.Started server) throws Exception {
		server.terminate();
		assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
		assertThat(server.process().exitValue()).as(Files.readString(server.err())).isZero();
	}

	private static List<String> statuses(Connection connection, String runId) throws Exception {
		return executionColumn(connection, "STATUS", runId);
	}

	/** What a firing that did not complete failed of, in the failure's words. */
	private static List<String> exitMessages(Connection connection, String runId) throws Exception {
		return executionColumn(connection, "EXIT_MESSAGE", runId);
	}

	private static List<String> executionColumn(Connection connection, String column, String runId)
			throws Exception {
		List<String> values = new ArrayList<>();
		try (var statement = connection.prepareStatement("select e." + column + " from BATCH_JOB_EXECUTION e join "
				+ "BATCH_JOB_EXECUTION_PARAMS p on p.JOB_EXECUTION_ID = e.JOB_EXECUTION_ID where p.PARAMETER_NAME = "
				+ "'run.id' and p.PARAMETER_VALUE = ?")) {
			statement.setString(1, runId);
			try (var rows = statement.executeQuery()) {
				while (rows.next()) {
					values.add(rows.getString(1));
				}
			}
		}
		return values;
	}

	private static long query(Connection connection, String sql) throws Exception {
		try (var rows = connection.createStatement().executeQuery(sql)) {
			rows.next();
			return rows.getLong(1);
		}
	}

}
