package dev.fanout.batch;

import java.util.List;

import org.springframework.batch.core.job.JobExecution;

/**
 * The running executions that an execution launched and that must stop with it: Spring Batch's job steps (the
 * {@code chapter} job runs its items as job steps) do not pass a stop on to the job they run, so
 * {@link ExecutionStopper} asks each bean of this type.
 */
public interface NestedExecutions {

	/** The running executions launched by {@code parent}; empty for an execution that launches none. */
	List<JobExecution> runningUnder(JobExecution parent);

}
