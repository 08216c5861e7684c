package dev.fanout.history;

import java.time.LocalDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.RepositoryFixtures;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.core.ExitCodes;
import dev.fanout.recovery.Orphans;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The history's listing reads ended executions with two queries instead of loading them through the job repository;
 * what it lists must be what loading them whole says, in every state an execution can be left in.
 */
@SpringBootTest
class ExecutionHistoryTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("ExecutionHistoryTests").toString());
	}

	@Autowired
	ExecutionHistory history;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Orphans orphans;

	@Autowired
	DataSource dataSource;

	@Autowired
	FanoutCommandLine commandLine;

	@Test
	void listsEveryExecutionAsLoadingItWholeDescribesIt() {
		run("run", "factorize", "numbers=12,18,97", "threads=2", "--new");
		run("run", "sensors", "sensors=2", "readings=40", "--new");
		LocalDateTime longAgo = LocalDateTime.now().minusDays(2);
		JobExecution failed = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("threads", "1"), BatchStatus.FAILED, longAgo);
		failed.setExitStatus(ExitStatus.FAILED.addExitDescription("numbers=x: 'x' is not a whole number"));
		this.jobRepository.update(failed);
		// Left by a process that died during a stop: STOPPED, with a step still STARTED and nobody owning it.
		JobExecution stopped = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("threads", "1"), BatchStatus.STOPPED, longAgo);
		StepExecution step = this.jobRepository.createStepExecution("factorizeManager", stopped);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(longAgo);
		this.jobRepository.update(step);
		RepositoryFixtures.execution(this.jobRepository, "sensors", UniqueJobParameters.of(), BatchStatus.UNKNOWN,
				longAgo);
		RepositoryFixtures.execution(this.jobRepository, "sensors", UniqueJobParameters.of(), BatchStatus.STARTED,
				longAgo);
		RepositoryFixtures.execution(this.jobRepository, "factorize",
				new JobParametersBuilder(UniqueJobParameters.of()).addLong("count", 7L).toJobParameters(),
				BatchStatus.COMPLETED, longAgo);

		List<ExecutionSummary> listed = this.history.list(null, null, 100);

		List<ExecutionSummary> whole = listed.stream().map((summary) -> {
			JobExecution execution = this.jobRepository.getJobExecution(summary.id());
			return ExecutionSummary.of(execution, this.orphans.of(execution));
		}).toList();
		assertThat(listed).hasSizeGreaterThanOrEqualTo(7);
		assertThat(listed.stream().map(ExecutionHistoryTests::withoutWhatGrows).toList())
			.isEqualTo(whole.stream().map(ExecutionHistoryTests::withoutWhatGrows).toList());
		assertThat(listed).filteredOn((summary) -> summary.id() == stopped.getId())
			.singleElement()
			.satisfies((summary) -> assertThat(summary.orphaned()).isTrue());
		assertThat(listed).filteredOn((summary) -> summary.job().equals("factorize") && !summary.summary().isEmpty())
			.isNotEmpty();
	}

	@Test
	void anOrphanRanUntilItsLastSignOfLifeNotUntilNow() {
		LocalDateTime start = LocalDateTime.now().minusMinutes(10);
		JobExecution orphan = RepositoryFixtures.execution(this.jobRepository, "sensors", UniqueJobParameters.of(),
				BatchStatus.STARTED, start);
		StepExecution step = this.jobRepository.createStepExecution("sensorsManager", orphan);
		step.setStatus(BatchStatus.STARTED);
		step.setStartTime(start);
		this.jobRepository.update(step);
		// Its process died 3 s after the start, its step's last commit 2 s after it.
		JdbcTemplate jdbc = new JdbcTemplate(this.dataSource);
		jdbc.update("update BATCH_JOB_EXECUTION set LAST_UPDATED = ? where JOB_EXECUTION_ID = ?", start.plusSeconds(1),
				orphan.getId());
		jdbc.update("update BATCH_STEP_EXECUTION set LAST_UPDATED = ? where STEP_EXECUTION_ID = ?", start.plusSeconds(3),
				step.getId());

		assertThat(this.history.list("sensors", null, 100)).filteredOn((summary) -> summary.id() == orphan.getId())
			.singleElement()
			.satisfies((summary) -> assertThat(summary.orphaned()).isTrue())
			.satisfies((summary) -> assertThat(summary.durationMillis()).isEqualTo(3000));
		ExecutionDetail detail = this.history.detail(orphan.getId());
		assertThat(detail.execution().durationMillis()).isEqualTo(3000);
		assertThat(detail.steps()).singleElement()
			.satisfies((summary) -> assertThat(summary.durationMillis()).isEqualTo(3000));
	}

	/** Between two readings, a running execution's duration grows, and so does an orphan's age in its owner text. */
	private static ExecutionSummary withoutWhatGrows(ExecutionSummary summary) {
		return new ExecutionSummary(summary.id(), summary.job(), summary.instanceId(), summary.parameters(),
				summary.launchedBy(), summary.status(), summary.startTime(), summary.endTime(),
				(summary.endTime() != null) ? summary.durationMillis() : 0, summary.exitCode(),
				summary.exitDescription(), summary.orphaned(), summary.owner().replaceAll("\\d+", "N"),
				summary.summary());
	}

	private void run(String... args) {
		CommandResult result = CommandResult.of(this.commandLine, args);
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
	}

}
