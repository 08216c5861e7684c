package dev.fanout.history;

import java.util.Comparator;
import java.util.List;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.JobOutputs;
import dev.fanout.recovery.Ownership;

/** One job execution with its steps, partitions, output files and summary, as {@code show} prints it. */
public record ExecutionDetail(ExecutionSummary execution, List<StepSummary> steps, List<String> outputs,
		String summary) {

	public static ExecutionDetail of(JobExecution execution, Ownership ownership) {
		List<StepSummary> steps = execution.getStepExecutions()
			.stream()
			.map(StepSummary::of)
			.sorted(Comparator.comparingLong(StepSummary::id))
			.toList();
		return new ExecutionDetail(ExecutionSummary.of(execution, ownership), steps, JobOutputs.of(execution),
				JobOutputs.summary(execution));
	}

}
