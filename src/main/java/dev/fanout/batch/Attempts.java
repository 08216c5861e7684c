package dev.fanout.batch;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;

/**
 * The executions of one job instance as the repository has them, up to the one whose progress is asked for: what a
 * {@link ProgressMeasure} reads. A restart's execution holds only the steps it ran: the steps and partitions that
 * completed in an earlier attempt, and the work that a failed partition committed before it failed, are in the
 * earlier executions.
 *
 * @param earlier the instance's executions before {@code current}, oldest first
 * @param stepNames the job's top-level steps as its definition lists them, empty when unknown
 */
public record Attempts(JobExecution current, List<JobExecution> earlier, List<String> stepNames) {

	/** @param instanceExecutions the instance's executions (in any order; {@code current} may be among them) */
	public static Attempts of(JobExecution current, Collection<JobExecution> instanceExecutions,
			List<String> stepNames) {
		List<JobExecution> earlier = instanceExecutions.stream()
			.filter((execution) -> execution.getId() < current.getId())
			.sorted(Comparator.comparingLong(JobExecution::getId))
			.toList();
		return new Attempts(current, earlier, List.copyOf(stepNames));
	}

	public JobParameters parameters() {
		return this.current.getJobParameters();
	}

	/** Every step execution of every attempt, oldest first. */
	public Stream<StepExecution> steps() {
		List<JobExecution> all = new ArrayList<>(this.earlier);
		all.add(this.current);
		return all.stream()
			.flatMap((execution) -> execution.getStepExecutions().stream()
				.sorted(Comparator.comparingLong(StepExecution::getId)));
	}

	/** The newest execution of a step (or partition) over all attempts, if it ever ran. */
	public @Nullable StepExecution latest(String stepName) {
		return steps().filter((step) -> step.getStepName().equals(stepName)).reduce((older, newer) -> newer).orElse(null);
	}

	/** A number that the newest execution of a step that has it keeps in its context, or {@code absent}. */
	public long contextLong(String stepName, String key, long absent) {
		return steps().filter((step) -> step.getStepName().equals(stepName))
			.filter((step) -> step.getExecutionContext().containsKey(key))
			.reduce((older, newer) -> newer)
			.map((step) -> ((Number) step.getExecutionContext().get(key)).longValue())
			.orElse(absent);
	}

}
