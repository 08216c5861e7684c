package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
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
import dev.fanout.core.FanoutProperties;
import dev.fanout.history.Pruning;
import dev.fanout.launch.Launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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

	@Autowired
	FanoutProperties fanout;

	@Autowired
	Pruning pruning;

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
		assertThat(dryRun.out()).startsWith("Would delete 2 instances").contains("factorize 2")
			.contains("Their outputs would stay (1 file or directory (")
			.contains("--outputs deletes them.");
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
	void deletesAPrunedInstancesWorkDirectoryAlwaysAndItsOutputsOnlyWhenAsked() throws Exception {
		JobExecution first = old(this.launcher.runNewInstance("factorize", List.of("numbers=21", "threads=1")));
		Path firstCsv = csv(first);
		Path firstWork = Files.createDirectories(
				this.fanout.workDirectory("factorize", first.getJobInstance().getInstanceId()).resolve("partial"));
		assertThat(firstCsv).exists();

		CommandResult withoutOutputs = run("prune", "--older-than", "30d");
		assertThat(withoutOutputs.exitCode()).as(withoutOutputs.toString()).isZero();
		assertThat(withoutOutputs.out()).doesNotContain("outputs");
		assertThat(firstWork.getParent()).doesNotExist();
		assertThat(firstCsv).exists();

		JobExecution second = old(this.launcher.runNewInstance("factorize", List.of("numbers=22", "threads=1")));
		long id = second.getJobInstance().getInstanceId();
		Path secondCsv = csv(second);
		Path gallery = Files.createDirectories(this.fanout.outputDirectory("gallery").resolve("instance-" + id));
		Files.writeString(gallery.resolve("a.png"), "12345");
		Path anotherInstances = Files.writeString(this.fanout.outputDirectory("factorize").resolve(
				"instance-" + id + "0.csv"), "not this instance's");

		long bytes = Files.size(secondCsv) + Files.size(gallery.resolve("a.png"));
		CommandResult dryRun = run("prune", "--older-than", "30d", "--dry-run", "--outputs");
		assertThat(dryRun.exitCode()).as(dryRun.toString()).isZero();
		assertThat(dryRun.out()).contains("Would delete 1 instance that")
			.contains("Would delete their outputs: 2 files and directories (%d B) under %s.".formatted(
					bytes, this.fanout.dataDir().resolve("out")));
		assertThat(List.of(secondCsv, gallery)).allSatisfy((path) -> assertThat(path).exists());

		CommandResult pruned = run("prune", "--older-than", "30d", "--outputs");
		assertThat(pruned.exitCode()).as(pruned.toString()).isZero();
		assertThat(pruned.out()).contains("Deleted 1 instance (1 execution)")
			.contains("Deleted their outputs: 2 files and directories (%d B)".formatted(bytes));
		assertThat(List.of(secondCsv, gallery)).allSatisfy((path) -> assertThat(path).doesNotExist());
		assertThat(anotherInstances).exists();
		assertThat(firstCsv).as("pruned earlier without --outputs").exists();
	}

	@Test
	void aPruneGoesOnWhenAnotherPruneDeletedOneOfItsInstancesFirst() {
		JobExecution execution = old(this.launcher.runNewInstance("factorize", List.of("numbers=23", "threads=1")));
		long id = execution.getJobInstance().getInstanceId();
		List<JobInstance> listed = this.pruning.prunable(LocalDateTime.now().minusDays(30));
		assertThat(listed).extracting(JobInstance::getInstanceId).contains(id);

		// Another process's prune, between this one's listing and its deletions.
		this.pruning.prune(listed.stream().filter((instance) -> instance.getInstanceId() == id).toList(), false);
		Pruning.Pruned pruned = this.pruning.prune(listed, true);

		assertThat(pruned.instances()).isEqualTo(listed.size() - 1);
		assertThat(pruned.failures()).isEmpty();
		assertThat(csv(execution)).as("its outputs go all the same").doesNotExist();
		assertThat(this.pruning.prunable(LocalDateTime.now().minusDays(30))).isEmpty();
	}

	@Test
	void refusesAnAgeThatIsNotADuration() {
		CommandResult refused = run("prune", "--older-than", "a month");
		assertThat(refused.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(refused.err()).isEqualTo("fanout: --older-than a month is not a duration; write it like 500ms, 30s, "
				+ "2m, 1h or 7d\n");
	}

	/**
	 * Ages whose cut-off overflowed: LocalDateTime.minus gave a year before our era, which Timestamp.valueOf wrapped
	 * into the far future, so every completed instance was older than it and pruned with its outputs.
	 */
	@Test
	void refusesAnAgeThatReachesBackBefore1970AndDeletesNothing() {
		JobExecution execution = old(this.launcher.runNewInstance("factorize", List.of("numbers=24", "threads=1")));

		String justTooLong = (Duration.between(Pruning.EARLIEST_CUTOFF, LocalDateTime.now()).toDays() + 1) + "d";
		for (String age : List.of("2562047788015h", "9223372036854775807ms", "106751991100d", justTooLong)) {
			CommandResult refused = run("prune", "--older-than", age, "--outputs");

			assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
			assertThat(refused.err()).as(age).matches("fanout: --older-than " + age + " reaches back before 1970-01-01, "
					+ "when no job had run yet; give at most \\d+d\n");
			assertThat(refused.out()).isEmpty();
		}
		assertThat(this.jobRepository.getJobExecution(execution.getId())).as("still in the history").isNotNull();
		assertThat(csv(execution)).exists();

		CommandResult longest = run("prune", "--older-than", "20000d", "--dry-run");
		assertThat(longest.exitCode()).as(longest.toString()).isZero();
		assertThat(longest.out()).as("a cut-off in 1970 or after is taken").startsWith("Nothing to prune")
			.containsPattern(" ended before 19[7-9]\\d-");
	}

	@Test
	void aCutOffOutsideTheYearsOfAnyExecutionIsNeverQueried() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.pruning.prunable(Pruning.EARLIEST_CUTOFF.minusSeconds(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.pruning.prunable(LocalDateTime.of(-292275055, 5, 16, 0, 0)));
		assertThatIllegalArgumentException().isThrownBy(() -> this.pruning.prunable(LocalDateTime.of(10000, 1, 1, 0, 0)));
		assertThat(this.pruning.prunable(Pruning.EARLIEST_CUTOFF)).isEmpty();
	}

	/** The execution, its start and end moved 40 days back. */
	private JobExecution old(JobExecution execution) {
		this.jdbc.update("update BATCH_JOB_EXECUTION set START_TIME = ?, END_TIME = ? where JOB_EXECUTION_ID = ?",
				LocalDateTime.now().minusDays(41), LocalDateTime.now().minusDays(40), execution.getId());
		return execution;
	}

	private Path csv(JobExecution execution) {
		return this.fanout.outputDirectory("factorize")
			.resolve("instance-" + execution.getJobInstance().getInstanceId() + ".csv");
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
