package dev.fanout.history;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.JobOutputs;
import dev.fanout.recovery.Ownership;

/** One job execution with its steps, partitions, output files and summary, as {@code show} prints it. */
public record ExecutionDetail(ExecutionSummary execution, List<StepSummary> steps, List<String> outputs,
		String summary) {

	/** @param workers the worker process of each partition that ran on one, by step execution id */
	public static ExecutionDetail of(JobExecution execution, Ownership ownership,
			Map<Long, StepSummary.WorkerProcess> workers) {
		List<StepSummary> steps = execution.getStepExecutions()
			.stream()
			.map((step) -> StepSummary.of(step, workers.get(step.getId()), ownership.orphaned()))
			.sorted(Comparator.comparingLong(StepSummary::id))
			.toList();
		return new ExecutionDetail(ExecutionSummary.of(execution, ownership), steps, JobOutputs.of(execution),
				JobOutputs.summary(execution));
	}

}
