package dev.fanout.batch;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.ToLongFunction;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * What a job counts its progress in, read from its executions ({@link Attempts}). A job declares its measure through
 * {@link JobDescription#progress()}; the platform reads it for the CLI's live line and the dashboard without knowing
 * the job. The measures here cover Fanout's shapes: {@link #steps()} (the default), {@link #items} committed by the
 * partitions of a fan-out or by a chunk step, and {@link #spans} of a step that loops through the job's units.
 */
@FunctionalInterface
public interface ProgressMeasure {

	/** The unit of {@link #steps()}. */
	String STEPS = "steps";

	Amount measure(Attempts attempts);

	/**
	 * @param done units finished, over all attempts of the instance
	 * @param total units the instance has to finish, 0 while unknown
	 * @param unit what is counted, plural: {@code steps}, {@code readings}, {@code generations}...
	 */
	record Amount(long done, long total, String unit) {

	}

	/**
	 * The job's top-level steps that completed, each name counted once however often a loop runs it: a step's newest
	 * execution decides, so a step re-run by a loop or a restart is done again only once it completes again. Out of the
	 * steps the job's definition lists (plus any other that ran).
	 */
	static ProgressMeasure steps() {
		return (attempts) -> {
			Map<String, StepExecution> newest = new LinkedHashMap<>();
			attempts.steps()
				.filter((step) -> !PartitionSteps.isPartition(step.getStepName()))
				.forEach((step) -> newest.put(step.getStepName(), step));
			Set<String> all = new LinkedHashSet<>(attempts.stepNames());
			all.addAll(newest.keySet());
			long done = newest.values().stream().filter((step) -> step.getStatus() == BatchStatus.COMPLETED).count();
			return new Amount(done, all.size(), STEPS);
		};
	}

	/**
	 * Items that went through committed chunks of {@code step}'s executions, or of its partitions' ({@code step:*}),
	 * summed over every attempt: a restarted chunk step resumes after its last commit, so its new execution counts only
	 * what the earlier ones had not. Out of {@code expected} (0 while unknown).
	 */
	static ProgressMeasure items(String unit, String step, ToLongFunction<Attempts> expected) {
		return (attempts) -> {
			long done = attempts.steps()
				.filter((execution) -> execution.getStepName().equals(step)
						|| execution.getStepName().startsWith(step + ":"))
				.mapToLong(ProgressMeasure::committed)
				.sum();
			return new Amount(done, expected.applyAsLong(attempts), unit);
		};
	}

	/**
	 * A step that runs again and again (a loop through a decider), each execution covering the job's units from the
	 * number its context keeps under {@code fromKey}, for the number under {@code lengthKey}: the units up to the end
	 * of the furthest completed span, or up to the start of one that has not completed, are done. Out of
	 * {@code total} (0 while unknown).
	 */
	static ProgressMeasure spans(String unit, String step, String fromKey, String lengthKey,
			ToLongFunction<Attempts> total) {
		return (attempts) -> {
			long done = attempts.steps()
				.filter((execution) -> execution.getStepName().equals(step))
				.filter((execution) -> execution.getExecutionContext().containsKey(fromKey))
				.mapToLong((execution) -> {
					ExecutionContext context = execution.getExecutionContext();
					long from = ((Number) context.get(fromKey)).longValue();
					boolean completed = execution.getStatus() == BatchStatus.COMPLETED && context.containsKey(lengthKey);
					return completed ? from + ((Number) context.get(lengthKey)).longValue() : from;
				})
				.max()
				.orElse(0);
			return new Amount(done, total.applyAsLong(attempts), unit);
		};
	}

	/** What a chunk step's execution committed: items written, filtered out or skipped. */
	private static long committed(StepExecution execution) {
		return execution.getWriteCount() + execution.getFilterCount() + execution.getSkipCount();
	}

}
