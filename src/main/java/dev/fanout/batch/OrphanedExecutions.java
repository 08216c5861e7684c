package dev.fanout.batch;

import org.springframework.batch.core.job.JobExecution;

/**
 * Recovery of executions whose process died, for jobs that run other jobs: the {@code chapter} job restarts an item
 * whose last execution was left running by a chapter process that was killed, and must first have it marked FAILED.
 * Implemented by the platform's recovery, which knows who owns an execution.
 */
public interface OrphanedExecutions {

	/**
	 * Marks {@code execution} FAILED if it was left running (or UNKNOWN) by a process that is gone.
	 *
	 * @return whether it was recovered; false for a finished execution or one whose owner is alive
	 */
	boolean recoverIfOrphaned(JobExecution execution);

}
