package dev.fanout.history;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

import static org.assertj.core.api.Assertions.assertThat;

/** A step or partition as {@code show} summarizes it, from its step execution alone. */
class StepSummaryTests {

	private final JobExecution job = new JobExecution(7L, new JobInstance(3L, "factorize"), new JobParameters());

	@Test
	void aPartitionThatNeverStartedInAnOrphanedExecutionTookNoTime() {
		// As the splitter leaves a partition waiting for a worker: STARTING, no start, never updated.
		StepExecution waiting = new StepExecution(11L, "factorizeWorker:partition0", this.job);
		waiting.setStatus(BatchStatus.STARTING);

		StepSummary summary = StepSummary.of(waiting, null, true);

		assertThat(summary.status()).isEqualTo("STARTING");
		assertThat(summary.partition()).isTrue();
		assertThat(summary.startTime()).isNull();
		assertThat(summary.durationMillis()).isZero();
	}

	@Test
	void aStepLeftRunningInAnOrphanedExecutionRanUntilItsLastUpdate() {
		LocalDateTime start = LocalDateTime.of(2026, 12, 6, 10, 0, 0);
		StepExecution running = new StepExecution(12L, "factorizeMerge", this.job);
		running.setStatus(BatchStatus.STARTED);
		running.setStartTime(start);
		running.setLastUpdated(start.plusSeconds(4));

		assertThat(StepSummary.of(running, null, true).durationMillis()).isEqualTo(4000);
	}

}
