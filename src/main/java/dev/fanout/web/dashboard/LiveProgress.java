package dev.fanout.web.dashboard;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.PartitionSteps;

/**
 * How far an execution has got, for its progress bar: steps and partitions finished out of those known. A job's
 * later steps and a partitioned step's partitions exist only once they start, so the bar may step back a little when
 * a fan-out begins; it reaches 100 only when the execution has ended.
 *
 * @param stepsTotal the job's top-level steps as its definition lists them, 0 when unknown
 */
public record LiveProgress(long id, String status, boolean running, int percent, String text) {

	static LiveProgress of(JobExecution execution, int stepsTotal) {
		int steps = 0;
		int stepsDone = 0;
		int partitions = 0;
		int partitionsDone = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			boolean done = !step.getStatus().isRunning();
			if (PartitionSteps.isPartition(step.getStepName())) {
				partitions++;
				partitionsDone += done ? 1 : 0;
			}
			else {
				steps++;
				stepsDone += done ? 1 : 0;
			}
		}
		boolean running = execution.getStatus().isRunning();
		int total = Math.max(steps, stepsTotal) + partitions;
		int percent = !running ? 100 : (total == 0) ? 0 : Math.min(99, 100 * (stepsDone + partitionsDone) / total);
		StringBuilder text = new StringBuilder("steps %d/%s".formatted(stepsDone,
				(stepsTotal > 0) ? Integer.toString(Math.max(steps, stepsTotal)) : "?"));
		if (partitions > 0) {
			text.append(" · partitions %d/%d".formatted(partitionsDone, partitions));
		}
		return new LiveProgress(execution.getId(), execution.getStatus().toString(), running, percent, text.toString());
	}

}
