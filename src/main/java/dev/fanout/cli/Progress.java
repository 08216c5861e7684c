package dev.fanout.cli;

import java.time.Duration;
import java.time.LocalDateTime;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.PartitionSteps;
import dev.fanout.batch.RestartSafeSplitter;

/**
 * How far a running execution has got, read from the job repository: steps and partitions done, items read.
 *
 * @param stepsTotal the job's top-level steps, or 0 when unknown
 */
record Progress(long executionId, String status, int stepsDone, int stepsTotal, int partitionsDone,
		int partitionsTotal, long items, Duration elapsed) {

	static Progress of(JobExecution execution, int stepsTotal) {
		int stepsDone = 0;
		int partitionsDone = 0;
		int partitionsTotal = 0;
		long items = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			boolean done = !step.getStatus().isRunning();
			if (PartitionSteps.isPartition(step.getStepName())) {
				partitionsTotal++;
				partitionsDone += done ? 1 : 0;
			}
			else {
				stepsDone += done ? 1 : 0;
			}
			if (!step.getExecutionContext().containsKey(RestartSafeSplitter.GRID_SIZE)) {
				items += step.getReadCount();
			}
		}
		LocalDateTime start = (execution.getStartTime() != null) ? execution.getStartTime() : execution.getCreateTime();
		return new Progress(execution.getId(), execution.getStatus().toString(), stepsDone, stepsTotal, partitionsDone,
				partitionsTotal, items, Duration.between(start, LocalDateTime.now()));
	}

	/** {@code execution 12 STARTED  steps 1/2  partitions 2/2  items 40 (1234/s)  0.8 s}. */
	String line() {
		double seconds = Math.max(this.elapsed.toMillis(), 1) / 1000.0;
		StringBuilder line = new StringBuilder("execution %d %s  steps %d/%s".formatted(this.executionId, this.status,
				this.stepsDone, (this.stepsTotal > 0) ? Integer.toString(this.stepsTotal) : "?"));
		if (this.partitionsTotal > 0) {
			line.append("  partitions %d/%d".formatted(this.partitionsDone, this.partitionsTotal));
		}
		line.append("  items %d (%.0f/s)  %.1f s".formatted(this.items, this.items / seconds, seconds));
		return line.toString();
	}

	/** What a plain (non-terminal) progress log shows: a new line only when this changes. */
	String milestone() {
		return this.status + this.stepsDone + "/" + this.partitionsDone;
	}

}
