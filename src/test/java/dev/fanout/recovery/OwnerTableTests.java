package dev.fanout.recovery;

import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutApplication;
import dev.fanout.PostgresSchema;
import dev.fanout.TestDataDirectories;
import dev.fanout.cli.FanoutCommandLine;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The owner table and orphan detection on both repositories, H2 and the real PostgreSQL server of this machine (in a
 * throwaway schema): heartbeats by the database's clock, orphans in {@code history --json} and {@code show}, and
 * {@code recover} refusing a live owner.
 */
class OwnerTableTests {

	@Test
	void detectsOrphansAndRefusesLiveOwnersOnH2() throws Exception {
		scenario("--fanout.data-dir=" + TestDataDirectories.fresh("OwnerTableTests-h2"));
	}

	@Test
	void detectsOrphansAndRefusesLiveOwnersOnPostgresql() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create("fanout_owner_")) {
			scenario("--spring.profiles.active=postgres", "--spring.datasource.url=" + schema.url(),
					"--fanout.data-dir=" + TestDataDirectories.fresh("OwnerTableTests-postgres"));
		}
	}

	private void scenario(String... settings) throws Exception {
		String[] args = new String[settings.length + 1];
		System.arraycopy(settings, 0, args, 0, settings.length);
		args[settings.length] = "--fanout.recovery.heartbeat=100ms";
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(FanoutApplication.class).run(args)) {
			JdbcTemplate jdbc = new JdbcTemplate(context.getBean(javax.sql.DataSource.class));
			ExecutionClaims claims = context.getBean(ExecutionClaims.class);

			// A claim's heartbeat moves on by the database's clock, and the row goes when the claim ends.
			try (ExecutionClaims.Claim claim = claims.claim("factorize", parameters("claimed"))) {
				Await.until("a heartbeat after the claim", Duration.ofSeconds(20), () -> jdbc.queryForObject(
						"select count(*) from FANOUT_EXECUTION_OWNER where HEARTBEAT > CLAIMED", Integer.class) == 1);
			}
			assertThat(ownerRows(jdbc)).isZero();

			JobExecution dead = runningExecution(context, "dead");
			JobExecution alive = runningExecution(context, "alive");
			Process ended = new ProcessBuilder("true").start();
			ended.waitFor();
			ownedBy(jdbc, dead, ended.pid());
			ownedBy(jdbc, alive, ProcessHandle.current().pid());

			JsonNode history = context.getBean(JsonMapper.class).readTree(command(context, "history", "--json").out());
			assertThat(entry(history, dead.getId()).get("orphaned").asBoolean()).isTrue();
			assertThat(entry(history, dead.getId()).get("owner").asString()).endsWith("is gone");
			assertThat(entry(history, alive.getId()).get("orphaned").asBoolean()).isFalse();
			assertThat(command(context, "show", Long.toString(dead.getId())).out()).contains("STARTED (orphaned)")
				.contains("ORPHANED    its process " + ended.pid());

			CommandResult refused = command(context, "recover", Long.toString(alive.getId()));
			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(4);
			assertThat(refused.err()).contains("is not orphaned").contains("--force");
			assertThat(status(jdbc, alive)).isEqualTo("STARTED");

			CommandResult orphans = command(context, "recover", "--orphans");
			assertThat(orphans.exitCode()).as(orphans.toString()).isZero();
			assertThat(orphans.out()).contains("Execution %d (factorize) recovered".formatted(dead.getId()))
				.doesNotContain("Execution %d ".formatted(alive.getId()));
			assertThat(status(jdbc, dead)).isEqualTo("FAILED");
			assertThat(status(jdbc, alive)).isEqualTo("STARTED");

			assertThat(command(context, "recover", Long.toString(alive.getId()), "--force").exitCode()).isZero();
			assertThat(status(jdbc, alive)).isEqualTo("FAILED");
			assertThat(ownerRows(jdbc)).as("recovered executions lose their owner record").isZero();
		}
	}

	private static JobParameters parameters(String marker) {
		return new JobParametersBuilder().addString("numbers", "6").addString("owner-test", marker).toJobParameters();
	}

	/** An execution the repository says runs, as a killed process leaves it. */
	private static JobExecution runningExecution(ConfigurableApplicationContext context, String marker) throws Exception {
		JobRepository repository = context.getBean(JobRepository.class);
		JobInstance instance = repository.createJobInstance("factorize", parameters(marker));
		JobExecution execution = repository.createJobExecution(instance, parameters(marker), new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		execution.setStartTime(LocalDateTime.now());
		repository.update(execution);
		return execution;
	}

	private static void ownedBy(JdbcTemplate jdbc, JobExecution execution, long pid) {
		OffsetDateTime now = OffsetDateTime.now();
		jdbc.update("insert into FANOUT_EXECUTION_OWNER (JOB_NAME, JOB_KEY, JOB_EXECUTION_ID, HOST, NODE, PID, CLAIMED, "
				+ "HEARTBEAT) values ('factorize', ?, ?, ?, ?, ?, ?, ?)", "key-" + execution.getId(), execution.getId(),
				ProcessIdentity.current().host(), ProcessIdentity.current().node(), pid, now, now);
	}

	private static JsonNode entry(JsonNode history, long id) {
		for (JsonNode execution : history) {
			if (execution.get("id").asLong() == id) {
				return execution;
			}
		}
		throw new AssertionError("execution " + id + " not in " + history);
	}

	private static String status(JdbcTemplate jdbc, JobExecution execution) {
		return jdbc.queryForObject("select STATUS from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = ?", String.class,
				execution.getId());
	}

	private static int ownerRows(JdbcTemplate jdbc) {
		return jdbc.queryForObject("select count(*) from FANOUT_EXECUTION_OWNER", Integer.class);
	}

	private static CommandResult command(ConfigurableApplicationContext context, String... args) {
		return CommandResult.of(context.getBean(FanoutCommandLine.class), args);
	}

}
