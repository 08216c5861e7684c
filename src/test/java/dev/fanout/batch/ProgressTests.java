package dev.fanout.batch;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The one progress model on executions built by hand as the repository gives them back: a step looped more often
 * than the job has steps, partitions that have committed part of their items, and a restart that does not run again
 * the partitions an earlier attempt completed.
 */
class ProgressTests {

	private static final List<String> LOOP_JOB = List.of("seed", "generations", "outputs");

	private final JobInstance instance = new JobInstance(7L, "loop");

	private long stepIds = 100;

	private final List<JobExecution> attempts = new ArrayList<>();

	@Test
	void aStepLoopedFarMoreOftenThanTheJobHasStepsCountsOnceInSteps() {
		JobExecution execution = execution(1, BatchStatus.STARTED);
		step(execution, "seed", BatchStatus.COMPLETED);
		for (int i = 0; i < 42; i++) {
			step(execution, "generations", BatchStatus.COMPLETED);
		}
		step(execution, "generations", BatchStatus.STARTED);

		Progress progress = progress(execution, ProgressMeasure.steps());

		assertThat(progress.done()).isEqualTo(1);
		assertThat(progress.total()).isEqualTo(3);
		assertThat(progress.text()).isEqualTo("steps 1/3");
		assertThat(progress.percent()).isEqualTo(33);
		assertThat(progress.line()).matches("execution 1 STARTED  steps 1/3 \\(33%\\)  items 0 \\(0/s\\)  10\\.\\d s");

		step(execution, "generations", BatchStatus.COMPLETED);
		step(execution, "outputs", BatchStatus.COMPLETED);
		execution.setStatus(BatchStatus.COMPLETED);

		assertThat(progress(execution, ProgressMeasure.steps()).text()).isEqualTo("steps 3/3");
		assertThat(progress(execution, ProgressMeasure.steps()).percent()).isEqualTo(100);
	}

	@Test
	void aLoopOfSpansCountsTheJobsUnitsUpToTheLastCompletedSpanAndTheRunningFanOutsPartitions() {
		ProgressMeasure generations = ProgressMeasure.spans("generations", "generations", "from", "length",
				(attempts) -> 100);
		JobExecution execution = execution(1, BatchStatus.STARTED);
		step(execution, "seed", BatchStatus.COMPLETED);
		for (int i = 0; i < 6; i++) {
			span(execution, BatchStatus.COMPLETED, i * 10, 10);
			partitions(execution, "band:gen" + i + "-band", 4, 4, BatchStatus.COMPLETED);
		}
		StepExecution running = span(execution, BatchStatus.STARTED, 60, 10);
		running.getExecutionContext().putInt(RestartSafeSplitter.PARTITIONS, 4);
		partitions(execution, "band:gen6-band", 3, 1, BatchStatus.COMPLETED);
		partitions(execution, "band:gen6-late", 1, 1, BatchStatus.STARTED);

		Progress progress = progress(execution, generations);

		assertThat(progress.done()).as("six spans of ten completed; the seventh runs").isEqualTo(60);
		assertThat(progress.total()).isEqualTo(100);
		assertThat(progress.percent()).isEqualTo(60);
		assertThat(progress.partitionsDone()).as("only the running fan-out's partitions").isEqualTo(3);
		assertThat(progress.partitionsTotal()).isEqualTo(4);
		assertThat(progress.text()).isEqualTo("generations 60/100 · partitions 3/4");
		assertThat(progress.line()).matches("execution 1 STARTED  generations 60/100 \\(60%, 6/s\\)  partitions 3/4  10\\.\\d s");
	}

	@Test
	void partitionsThatCommittedPartOfTheirItemsCountWhatTheyCommitted() {
		JobExecution execution = execution(1, BatchStatus.STARTED);
		StepExecution manager = step(execution, "manager", BatchStatus.STARTED);
		manager.getExecutionContext().putInt(RestartSafeSplitter.PARTITIONS, 5);
		for (int sensor = 0; sensor < 5; sensor++) {
			step(execution, "worker:sensor" + sensor, BatchStatus.STARTED).setWriteCount(100);
		}

		Progress progress = progress(execution, readings());

		assertThat(progress.done()).as("each of five sensors committed a third of its 300 readings").isEqualTo(500);
		assertThat(progress.percent()).isEqualTo(33);
		assertThat(progress.text()).isEqualTo("readings 500/1500 · partitions 0/5");
	}

	@Test
	void aRestartCountsThePartitionsAndItemsOfTheEarlierAttemptsItDidNotRunAgain() {
		JobExecution first = execution(1, BatchStatus.FAILED);
		step(first, "manager", BatchStatus.FAILED).getExecutionContext().putInt(RestartSafeSplitter.PARTITIONS, 5);
		for (int sensor = 0; sensor < 3; sensor++) {
			step(first, "worker:sensor" + sensor, BatchStatus.COMPLETED).setWriteCount(300);
		}
		step(first, "worker:sensor3", BatchStatus.FAILED).setWriteCount(120);
		step(first, "worker:sensor4", BatchStatus.FAILED).setWriteCount(0);
		JobExecution restart = execution(2, BatchStatus.STARTED);
		step(restart, "manager", BatchStatus.STARTED).getExecutionContext().putInt(RestartSafeSplitter.PARTITIONS, 5);
		step(restart, "worker:sensor3", BatchStatus.STARTED).setWriteCount(100);
		step(restart, "worker:sensor4", BatchStatus.STARTED).setWriteCount(50);

		Progress progress = progress(restart, readings());

		assertThat(progress.done()).as("900 of the completed sensors, 120 + 100 of sensor 3, 50 of sensor 4")
			.isEqualTo(1170);
		assertThat(progress.partitionsDone()).as("three completed in the first attempt").isEqualTo(3);
		assertThat(progress.partitionsTotal()).isEqualTo(5);
		assertThat(progress.percent()).isEqualTo(78);
		assertThat(progress.doneBefore()).as("the first attempt alone").isEqualTo(1020);
		assertThat(progress.line()).as("this attempt's rate").matches(".*readings 1170/1500 \\(78%, 15/s\\).*");
	}

	@Test
	void aRestartCountsTheStepsAnEarlierAttemptCompletedAndNotThoseItRuns() {
		JobExecution first = execution(1, BatchStatus.FAILED);
		step(first, "seed", BatchStatus.COMPLETED);
		step(first, "generations", BatchStatus.COMPLETED);
		step(first, "generations", BatchStatus.FAILED);
		JobExecution restart = execution(2, BatchStatus.STARTED);
		step(restart, "generations", BatchStatus.STARTED);

		assertThat(progress(restart, ProgressMeasure.steps()).text()).isEqualTo("steps 1/3");
	}

	@Test
	void aRunningExecutionStaysBelowAHundredAndAnUnknownTotalIsAQuestionMark() {
		JobExecution execution = execution(1, BatchStatus.STARTED);
		step(execution, "worker:sensor0", BatchStatus.COMPLETED).setWriteCount(1500);

		assertThat(progress(execution, readings()).percent()).as("its closing step still runs").isEqualTo(99);
		assertThat(progress(execution, ProgressMeasure.items("readings", "worker", (attempts) -> 0)).text())
			.isEqualTo("readings 1500/?");
		assertThat(progress(execution, ProgressMeasure.items("readings", "worker", (attempts) -> 0)).percent())
			.isZero();
	}

	/** Five sensors of 300 readings. */
	private static ProgressMeasure readings() {
		return ProgressMeasure.items("readings", "worker", (attempts) -> 1500);
	}

	private Progress progress(JobExecution current, ProgressMeasure measure) {
		return Progress.of(Attempts.of(current, this.attempts, LOOP_JOB), measure);
	}

	private JobExecution execution(long id, BatchStatus status) {
		JobExecution execution = new JobExecution(id, this.instance, new JobParameters());
		execution.setStatus(status);
		execution.setStartTime(LocalDateTime.now().minusSeconds(10));
		this.attempts.add(execution);
		return execution;
	}

	private StepExecution step(JobExecution execution, String name, BatchStatus status) {
		StepExecution step = new StepExecution(this.stepIds++, name, execution);
		step.setStatus(status);
		if (!execution.getStepExecutions().contains(step)) {
			execution.addStepExecution(step);
		}
		return step;
	}

	private StepExecution span(JobExecution execution, BatchStatus status, long from, int length) {
		StepExecution step = step(execution, "generations", status);
		step.getExecutionContext().putLong("from", from);
		step.getExecutionContext().putInt("length", length);
		return step;
	}

	private void partitions(JobExecution execution, String prefix, int count, long readEach, BatchStatus status) {
		for (int i = 0; i < count; i++) {
			step(execution, prefix + i, status).setReadCount(readEach);
		}
	}

}
