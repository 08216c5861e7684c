package dev.fanout.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.DefaultJobKeyGenerator;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.recovery.ProcessIdentity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Firings in serve mode against a real H2 repository, driven by explicit times ({@link Scheduler#resume} and
 * {@link Scheduler#tick}) instead of the wall clock; the loop thread is off. Each test uses schedules of its own.
 */
@SpringBootTest(properties = { "fanout.serving=true", "fanout.scheduler.enabled=false",
		"fanout.schedules[0].name=minutely", "fanout.schedules[0].job=factorize", "fanout.schedules[0].cron=0 * * * * *",
		"fanout.schedules[0].zone=UTC", "fanout.schedules[0].parameters.numbers=12,18",
		"fanout.schedules[0].parameters.threads=1",
		"fanout.schedules[1].name=catch-up", "fanout.schedules[1].job=factorize", "fanout.schedules[1].cron=0 0 * * * *",
		"fanout.schedules[1].zone=UTC", "fanout.schedules[1].misfire=run-once",
		"fanout.schedules[1].parameters.numbers=30", "fanout.schedules[1].parameters.threads=1",
		"fanout.schedules[2].name=skipping", "fanout.schedules[2].job=factorize", "fanout.schedules[2].cron=0 0 * * * *",
		"fanout.schedules[2].zone=UTC", "fanout.schedules[2].misfire=skip",
		"fanout.schedules[2].parameters.numbers=30", "fanout.schedules[2].parameters.threads=1",
		"fanout.schedules[3].name=listed", "fanout.schedules[3].job=factorize",
		"fanout.schedules[3].cron=0 0 6 * * MON-FRI", "fanout.schedules[3].zone=Europe/Berlin",
		"fanout.schedules[3].parameters.numbers=6", "fanout.schedules[3].parameters.threads=1",
		"fanout.schedules[4].name=idle", "fanout.schedules[4].job=factorize", "fanout.schedules[4].cron=0 0 0 1 1 *",
		"fanout.schedules[4].zone=UTC", "fanout.schedules[4].parameters.numbers=7" })
class ScheduledLaunchTests {

	/** "Now" for the read side: Saturday 2030-06-01 00:00:30 UTC. */
	static final Instant NOW = Instant.parse("2030-06-01T00:00:30Z");

	@TestConfiguration
	static class FixedClock {

		@Bean
		Clock clock() {
			return Clock.fixed(NOW, ZoneOffset.UTC);
		}

	}

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("ScheduledLaunchTests").toString());
	}

	@Autowired
	ScheduleCatalog catalog;

	@Autowired
	ScheduleRuns runs;

	@Autowired
	FiringDispatcher dispatcher;

	@Autowired
	ScheduleFiring firing;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	JsonMapper json;

	@Test
	void aDueFiringLaunchesTheJobWithItsRunIdAndParametersAndCompletes() throws Exception {
		Scheduler scheduler = scheduler("minutely");
		scheduler.resume(Instant.parse("2030-01-01T00:00:30Z"));

		List<FiringOutcome> outcomes = outcomes(scheduler.tick(Instant.parse("2030-01-01T00:01:00.200Z")));

		assertThat(outcomes).containsExactly(FiringOutcome.LAUNCHED);
		JobExecution execution = lastExecution("minutely", "2030-01-01T00:01:00Z");
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		JobParameters parameters = execution.getJobParameters();
		assertThat(parameters.getString("run.id")).isEqualTo("minutely@2030-01-01T00:01:00Z");
		assertThat(parameters.getString("numbers")).isEqualTo("12,18");
		assertThat(parameters.getString("threads")).isEqualTo("1");
		assertThat(parameters.getString("algorithm")).as("the job's default is filled in").isEqualTo("fast");
		assertThat(parameters.getString("file")).as("numbers replace file").isNull();
		assertThat(LaunchOrigin.of(parameters)).isEqualTo("schedule: minutely");
		assertThat(parameters.getParameter(LaunchOrigin.PARAMETER).identifying()).as("not the instance's identity")
			.isFalse();
		assertThat(outcomes(scheduler.tick(Instant.parse("2030-01-01T00:01:30Z")))).as("nothing new is due").isEmpty();
	}

	@Test
	void theSameFiringTwiceInOneSchedulerRunsOnce() throws Exception {
		Schedule minutely = schedule("minutely");
		Instant time = Instant.parse("2030-01-02T00:00:00Z");

		assertThat(this.firing.fire(minutely, time)).isEqualTo(FiringOutcome.LAUNCHED);
		assertThat(this.firing.fire(minutely, time)).isEqualTo(FiringOutcome.TAKEN);
		Scheduler restarted = scheduler("minutely");
		restarted.resume(time);
		assertThat(outcomes(restarted.tick(time.plusMillis(100)))).as("resumed at that very firing").isEmpty();

		Instant next = Instant.parse("2030-01-02T00:01:00Z");
		Future<FiringOutcome> first = this.dispatcher.submit(minutely, next);
		Future<FiringOutcome> second = this.dispatcher.submit(minutely, next);
		assertThat(List.of(first.get(30, TimeUnit.SECONDS), second.get(30, TimeUnit.SECONDS)))
			.containsExactlyInAnyOrder(FiringOutcome.LAUNCHED, FiringOutcome.TAKEN);

		assertThat(executionsOf("minutely@2030-01-02T00:00:00Z")).isEqualTo(1);
		assertThat(executionsOf("minutely@2030-01-02T00:01:00Z")).isEqualTo(1);
	}

	@Test
	void runOnceRunsTheMostRecentMissedFiringOnceWhenTheSchedulerStarts() throws Exception {
		Schedule catchUp = schedule("catch-up");
		assertThat(this.firing.fire(catchUp, Instant.parse("2030-02-01T10:00:00Z"))).isEqualTo(FiringOutcome.LAUNCHED);

		// Down from 10:30 to 13:20: 11:00, 12:00 and 13:00 were missed.
		Scheduler scheduler = scheduler("catch-up");
		scheduler.resume(Instant.parse("2030-02-01T13:20:00Z"));
		assertThat(outcomes(scheduler.tick(Instant.parse("2030-02-01T13:20:00Z")))).containsExactly(FiringOutcome.LAUNCHED);

		assertThat(lastExecution("catch-up", "2030-02-01T13:00:00Z").getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(executionsOf("catch-up@2030-02-01T11:00:00Z") + executionsOf("catch-up@2030-02-01T12:00:00Z")).isZero();
		assertThat(outcomes(scheduler.tick(Instant.parse("2030-02-01T14:00:00.100Z")))).containsExactly(FiringOutcome.LAUNCHED);
		assertThat(executionsOf("catch-up@2030-02-01T14:00:00Z")).isEqualTo(1);
	}

	@Test
	void skipRunsNoMissedFiringAndGoesOnWithTheNextOne() throws Exception {
		Schedule skipping = schedule("skipping");
		assertThat(this.firing.fire(skipping, Instant.parse("2030-02-01T10:00:00Z"))).isEqualTo(FiringOutcome.LAUNCHED);

		Scheduler scheduler = scheduler("skipping");
		scheduler.resume(Instant.parse("2030-02-01T13:20:00Z"));
		assertThat(outcomes(scheduler.tick(Instant.parse("2030-02-01T13:20:00Z")))).isEmpty();

		assertThat(this.jdbc.queryForObject("select count(*) from BATCH_JOB_EXECUTION_PARAMS where PARAMETER_NAME = "
				+ "'run.id' and PARAMETER_VALUE like 'skipping@%'", Integer.class)).isEqualTo(1);
		assertThat(outcomes(scheduler.tick(Instant.parse("2030-02-01T14:00:00.100Z")))).containsExactly(FiringOutcome.LAUNCHED);
		assertThat(executionsOf("skipping@2030-02-01T14:00:00Z")).isEqualTo(1);
	}

	@Test
	void aServerWithOtherDefaultsFindsAFiringWhoseInstanceWasCreatedBeforeAnOlderFiringsOne() throws Exception {
		// One server ran run-once's two firings (the last missed one, 13:00, and the on-time 14:00) on two launch
		// threads, 14:00's instance first; another server, whose 'threads' default differs, then reaches 14:00.
		Schedule here = variant("reordered", Misfire.RUN_ONCE, "1");
		Schedule otherDefaults = variant("reordered", Misfire.RUN_ONCE, "2");
		Instant onTime = Instant.parse("2030-03-01T14:00:00Z");
		assertThat(this.firing.fire(here, onTime)).isEqualTo(FiringOutcome.LAUNCHED);
		assertThat(this.firing.fire(here, Instant.parse("2030-03-01T13:00:00Z"))).isEqualTo(FiringOutcome.LAUNCHED);

		assertThat(this.runs.firing(otherDefaults, onTime)).as("found by its run.id")
			.hasValueSatisfying((execution) -> assertThat(execution.getJobParameters().getString("threads")).isEqualTo("1"));
		assertThat(this.firing.fire(otherDefaults, onTime)).isEqualTo(FiringOutcome.TAKEN);
		assertThat(executionsOf("reordered@2030-03-01T14:00:00Z")).as("not launched again").isEqualTo(1);
	}

	@Test
	void aFiringWhoseHolderIsKilledBeforeCreatingItsInstanceIsLaunchedHere() throws Exception {
		Schedule contested = variant("contested", Misfire.SKIP, "1");
		Instant time = Instant.parse("2030-04-01T10:00:00Z");
		Scheduler scheduler = scheduler(contested);
		scheduler.resume(time.minusSeconds(30));
		Process holder = anotherServer();
		try {
			// Another server claimed the firing first and is still validating it: no instance yet.
			claimedBy(holder, contested, time);
			assertThat(outcomes(scheduler.tick(time.plusMillis(200)))).containsExactly(FiringOutcome.PENDING);
			assertThat(scheduler.untilNextFiring(time.plusMillis(300), Duration.ofSeconds(10)))
				.as("looked at again soon, not at the next firing an hour later").isEqualTo(Scheduler.LOOK_AGAIN);
			assertThat(outcomes(scheduler.tick(time.plusSeconds(10)))).as("its holder lives: still pending")
				.containsExactly(FiringOutcome.PENDING);
		}
		finally {
			kill9(holder);
		}

		assertThat(outcomes(scheduler.tick(time.plusSeconds(20)))).as("its holder is dead, 20 s is on time")
			.containsExactly(FiringOutcome.LAUNCHED);
		assertThat(this.runs.firing(contested, time))
			.hasValueSatisfying((execution) -> assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED));
		assertThat(executionsOf("contested@2030-04-01T10:00:00Z")).isEqualTo(1);
		assertThat(outcomes(scheduler.tick(time.plusSeconds(30)))).as("not looked at again").isEmpty();
		assertThat(scheduler.untilNextFiring(time.plusSeconds(30), Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aPendingFiringIsTakenOnceItsHolderHasCreatedTheInstance() throws Exception {
		Schedule contested = variant("slow-holder", Misfire.SKIP, "1");
		Instant time = Instant.parse("2030-04-02T10:00:00Z");
		Scheduler scheduler = scheduler(contested);
		scheduler.resume(time.minusSeconds(30));
		Process holder = anotherServer();
		try {
			claimedBy(holder, contested, time);
			assertThat(outcomes(scheduler.tick(time.plusMillis(200)))).containsExactly(FiringOutcome.PENDING);

			// The holder goes on to launch it: its instance exists while it still holds the claim.
			this.jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_NAME = ?",
					ScheduleFiring.CLAIM_PREFIX + contested.name());
			assertThat(this.firing.fire(contested, time)).isEqualTo(FiringOutcome.LAUNCHED);
			claimedBy(holder, contested, time);

			assertThat(outcomes(scheduler.tick(time.plusSeconds(10)))).containsExactly(FiringOutcome.TAKEN);
			assertThat(outcomes(scheduler.tick(time.plusSeconds(20)))).as("not looked at again").isEmpty();
		}
		finally {
			kill9(holder);
		}
		assertThat(outcomes(scheduler.tick(time.plusSeconds(30)))).as("nor once its holder is dead").isEmpty();
		assertThat(executionsOf("slow-holder@2030-04-02T10:00:00Z")).isEqualTo(1);
	}

	@Test
	void aPendingFiringPastTheThresholdIsDroppedBySkipAndRunByRunOnce() throws Exception {
		Schedule skipping = variant("abandoned-skip", Misfire.SKIP, "1");
		Schedule runOnce = variant("abandoned-run-once", Misfire.RUN_ONCE, "1");
		Instant time = Instant.parse("2030-04-03T10:00:00Z");
		Scheduler scheduler = scheduler(skipping, runOnce);
		scheduler.resume(time.minusSeconds(30));
		Process holder = anotherServer();
		try {
			claimedBy(holder, skipping, time);
			claimedBy(holder, runOnce, time);
			assertThat(outcomes(scheduler.tick(time.plusMillis(200))))
				.containsExactly(FiringOutcome.PENDING, FiringOutcome.PENDING);
		}
		finally {
			kill9(holder);
		}

		// Its holder is found dead only 90 s after the scheduled time, past the 1 min threshold.
		assertThat(outcomes(scheduler.tick(time.plusSeconds(90)))).containsExactly(FiringOutcome.LAUNCHED);
		assertThat(executionsOf("abandoned-run-once@2030-04-03T10:00:00Z")).isEqualTo(1);
		assertThat(executionsOf("abandoned-skip@2030-04-03T10:00:00Z")).isZero();
		assertThat(outcomes(scheduler.tick(time.plusSeconds(100)))).as("skip's is not looked at again").isEmpty();
		assertThat(executionsOf("abandoned-skip@2030-04-03T10:00:00Z")).isZero();
	}

	@Test
	void aSchedulesFirstRunIsFoundThoughAnEarlierLookSawItsInstanceWithoutItsExecutionBelowANewerOne() {
		Schedule first = variant("first-ever", Misfire.SKIP, "1");
		Instant time = Instant.parse("2030-04-04T10:00:00Z");
		// As a launch does: the instance, then (after the parameters' checks) its execution, holding the run.id.
		JobParameters parameters = first.jobParameters(time);
		JobInstance instance = this.jobRepository.createJobInstance("factorize", parameters);
		// Meanwhile another firing of the job launches: its instance is newer.
		assertThat(this.firing.fire(variant("bystander", Misfire.SKIP, "1"), time)).isEqualTo(FiringOutcome.LAUNCHED);
		assertThat(this.runs.lastRuns(List.of(first))).as("no execution yet").doesNotContainKey("first-ever");

		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStatus(BatchStatus.COMPLETED);
		execution.setEndTime(LocalDateTime.now());
		this.jobRepository.update(execution);

		assertThat(this.runs.lastRuns(List.of(first))).hasEntrySatisfying("first-ever", (last) -> {
			assertThat(last.executionId()).isEqualTo(execution.getId());
			assertThat(last.scheduledTime()).isEqualTo(time);
		});
	}

	@Test
	void schedulesCommandShowsEachScheduleWithItsNextFireTimesAndLastRun() {
		assertThat(this.firing.fire(schedule("listed"), Instant.parse("2030-05-31T04:00:00Z"))).isEqualTo(FiringOutcome.LAUNCHED);
		long executionId = lastExecution("listed", "2030-05-31T04:00:00Z").getId();

		CommandResult table = CommandResult.of(this.commandLine, "schedules", "--count", "2");

		assertThat(table.exitCode()).as(table.toString()).isZero();
		assertThat(table.out().lines().findFirst().orElseThrow())
			.containsSubsequence("NAME", "JOB", "CRON (ZONE)", "MISFIRE", "NEXT", "LAST RUN", "PARAMETERS");
		String listed = table.out().lines().filter((l) -> l.startsWith("listed ")).findFirst().orElseThrow();
		// Saturday 2030-06-01: the next weekday 06:00 in Berlin is Monday's, in summer time.
		assertThat(listed).containsSubsequence("listed", "factorize", "0 0 6 * * MON-FRI (Europe/Berlin)", "skip",
				"2030-06-03 06:00:00 +02:00", executionId + " COMPLETED 20", "numbers=6 threads=1");
		assertThat(table.out()).contains("2030-06-04 06:00:00 +02:00");
		assertThat(table.out().lines().filter((l) -> l.startsWith("idle ")).findFirst().orElseThrow())
			.containsSubsequence("2031-01-01 00:00:00 +00:00", "never", "numbers=7");

		CommandResult asJson = CommandResult.of(this.commandLine, "schedules", "--json");
		JsonNode node = this.json.readTree(asJson.out()).get(3);
		assertThat(node.get("name").asString()).isEqualTo("listed");
		assertThat(node.get("nextFireTimes")).hasSize(3);
		assertThat(node.get("nextFireTimes").get(0).asString()).isEqualTo("2030-06-03T06:00:00+02:00");
		assertThat(node.get("lastRun").get("executionId").asLong()).isEqualTo(executionId);
		assertThat(node.get("lastRun").get("status").asString()).isEqualTo("COMPLETED");
		assertThat(node.get("lastRun").get("scheduledTime").asString()).isEqualTo("2030-05-31T04:00:00Z");
		assertThat(this.json.readTree(asJson.out()).get(4).get("lastRun").isNull()).isTrue();
	}

	private Scheduler scheduler(String name) {
		return scheduler(schedule(name));
	}

	private Scheduler scheduler(Schedule... schedules) {
		return new Scheduler(List.of(schedules), this.runs, this.dispatcher, Duration.ofMinutes(1));
	}

	/**
	 * A schedule of its own, hourly as {@code catch-up}, so that no other test's firings are its; {@code threads} as
	 * a server with that default would fill it in.
	 */
	private Schedule variant(String name, Misfire misfire, String threads) {
		Schedule hourly = schedule("catch-up");
		Map<String, String> launchParameters = new TreeMap<>(hourly.launchParameters());
		launchParameters.put("threads", threads);
		return new Schedule(name, hourly.job(), hourly.cron(), hourly.expression(), hourly.zone(), misfire,
				hourly.parameters(), launchParameters);
	}

	/** Another server's claim of the firing, held by {@code holder}, as {@link ScheduleFiring} makes it. */
	private void claimedBy(Process holder, Schedule schedule, Instant time) {
		String key = new DefaultJobKeyGenerator().generateKey(
				new JobParametersBuilder().addString("run.id", schedule.runId(time)).toJobParameters());
		ProcessIdentity here = ProcessIdentity.current();
		this.jdbc.update("insert into FANOUT_EXECUTION_OWNER (JOB_NAME, JOB_KEY, HOST, NODE, PID, PROCESS_START, CLAIMED, "
				+ "HEARTBEAT) values (?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)",
				ScheduleFiring.CLAIM_PREFIX + schedule.name(), key, here.host(), here.node(), holder.pid(),
				holder.info().startInstant().orElseThrow().atOffset(ZoneOffset.UTC));
	}

	/** A live process of this machine to hold claims, as another server's JVM would. */
	private static Process anotherServer() throws Exception {
		return new ProcessBuilder("sleep", "300").start();
	}

	private static void kill9(Process server) throws Exception {
		server.destroyForcibly();
		assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
	}

	private Schedule schedule(String name) {
		return this.catalog.schedules().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

	private JobExecution lastExecution(String name, String time) {
		return this.jobRepository.getLastJobExecution("factorize", schedule(name).jobParameters(Instant.parse(time)));
	}

	private int executionsOf(String runId) {
		return this.jdbc.queryForObject("select count(*) from BATCH_JOB_EXECUTION_PARAMS where PARAMETER_NAME = "
				+ "'run.id' and PARAMETER_VALUE = ?", Integer.class, runId);
	}

	private static List<FiringOutcome> outcomes(List<Future<FiringOutcome>> launches) throws Exception {
		List<FiringOutcome> outcomes = new java.util.ArrayList<>();
		for (Future<FiringOutcome> launch : launches) {
			outcomes.add(launch.get(30, TimeUnit.SECONDS));
		}
		return outcomes;
	}

}
