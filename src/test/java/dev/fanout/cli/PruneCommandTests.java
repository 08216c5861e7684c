package dev.fanout.cli;

import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.RepositoryFixtures;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.Launcher;

import static org.assertj.core.api.Assertions.assertThat;

/** Retention: {@code prune} deletes what no restart needs, and nothing else. */
@SpringBootTest
class PruneCommandTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("PruneCommandTests").toString());
	}

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	Launcher launcher;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JdbcTemplate jdbc;

	@Test
	void deletesOldCompletedAndAbandonedInstancesAndKeepsRecentRestartableAndRunningOnes() {
		JobExecution oldCompleted = this.launcher.runNewInstance("factorize", List.of("numbers=12", "threads=1"));
		JobExecution oldAbandoned = ended("numbers=13", BatchStatus.ABANDONED);
		JobExecution oldFailed = ended("numbers=14", BatchStatus.FAILED);
		JobExecution oldRunning = ended("numbers=15", BatchStatus.STARTED);
		JobExecution recent = this.launcher.runNewInstance("factorize", List.of("numbers=16", "threads=1"));
		for (JobExecution execution : List.of(oldCompleted, oldAbandoned, oldFailed, oldRunning)) {
			this.jdbc.update("update BATCH_JOB_EXECUTION set START_TIME = ?, END_TIME = ? where JOB_EXECUTION_ID = ?",
					LocalDateTime.now().minusDays(41), (execution == oldRunning) ? null : LocalDateTime.now().minusDays(40),
					execution.getId());
		}

		CommandResult dryRun = run("prune", "--older-than", "30d", "--dry-run");
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).startsWith("Would delete 2 instances").contains("factorize 2");
		assertThat(this.jobRepository.getJobExecution(oldCompleted.getId())).isNotNull();

		CommandResult pruned = run("prune", "--older-than", "30d");
		assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
		assertThat(pruned.out()).startsWith("Deleted 2 instances (2 executions)")
			.contains("compacts");
		for (JobExecution gone : List.of(oldCompleted, oldAbandoned)) {
			assertThat(count("BATCH_JOB_INSTANCE where JOB_INSTANCE_ID = ?", gone.getJobInstance().getId())).isZero();
			assertThat(count("BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = ?", gone.getId())).isZero();
			assertThat(count("BATCH_JOB_EXECUTION_PARAMS where JOB_EXECUTION_ID = ?", gone.getId())).isZero();
			assertThat(count("BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = ?", gone.getId())).isZero();
		}
		for (JobExecution kept : List.of(oldFailed, oldRunning, recent)) {
			assertThat(this.jobRepository.getJobExecution(kept.getId()).getStatus()).as("execution %d", kept.getId())
				.isEqualTo(kept.getStatus());
		}

		assertThat(run("prune", "--older-than", "30d").out()).startsWith("Nothing to prune");
	}

	@Test
	void refusesAnAgeThatIsNotADuration() {
		CommandResult refused = run("prune", "--older-than", "a month");
		assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(refused.err()).isEqualTo("fanout: --older-than a month is not a duration; write it like 500ms, 30s, "
				+ "2m, 1h or 7d\n");
	}

	private JobExecution ended(String numbers, BatchStatus status) {
		JobParameters parameters = this.launcher.parameters("factorize", List.of(numbers, "threads=1"), true);
		return RepositoryFixtures.execution(this.jobRepository, "factorize", parameters, status, LocalDateTime.now());
	}

	private long count(String from, long id) {
		return this.jdbc.queryForObject("select count(*) from " + from, Long.class, id);
	}

	private CommandResult run(String... args) {
		return CommandResult.of(this.commandLine, args);
	}

}
