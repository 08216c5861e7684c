package dev.fanout.launch;

import java.util.List;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

/**
 * Asks a running execution to stop, from any process: marks it STOPPING in the repository, and each of its steps
 * stops at its next chunk, tasklet return or partition boundary, when it saves its progress and reads that status
 * back (Spring Batch's {@code JobRepository.update} of a step execution marks the step terminate-only then).
 * <p>
 * Used instead of {@code JobOperator.stop}, which in Spring Batch 6.0.4 then also stops every running step itself,
 * and that does harm:
 * <ul>
 * <li>In the process that runs the job (a signal, the dashboard's or the API's Stop in {@code serve}, the scheduler
 * shutting down), it registers the running step's execution with {@code StepSynchronizationManager} and releases it,
 * which closes the running step's step scope and destroys its step-scoped beans under it: the images job's report
 * writer was closed in the middle of a chunk, and the stop ended FAILED.</li>
 * <li>It writes the running steps' rows as a second writer, racing their own updates (optimistic locking, see
 * spring-batch issue 5308).</li>
 * </ul>
 * Fanout needs none of what that per-step part is for: no tasklet of ours is a {@code StoppableTasklet}, each returns
 * at its boundaries. Unlike {@code JobOperator.stop}, the execution shows STOPPING until it has stopped, not STOPPED
 * at once. Executions that it launched are asked to stop too ({@link NestedExecutions}).
 */
@Component
public class ExecutionStopper {

	private final JobRepository jobRepository;

	private final List<NestedExecutions> nested;

	ExecutionStopper(JobRepository jobRepository, List<NestedExecutions> nested) {
		this.jobRepository = jobRepository;
		this.nested = nested;
	}

	/**
	 * Marks the execution STOPPING, and the running executions it launched ({@link NestedExecutions}); refuses one
	 * that is not STARTING or STARTED (already stopping, or ended).
	 */
	public void stop(JobExecution execution) throws JobExecutionNotRunningException {
		// Read again just before writing: the update below upgrades the status, and STOPPING ranks above COMPLETED.
		JobExecution current = this.jobRepository.getJobExecution(execution.getId());
		BatchStatus status = (current != null) ? current.getStatus() : execution.getStatus();
		if (current == null || (status != BatchStatus.STARTING && status != BatchStatus.STARTED)) {
			throw new JobExecutionNotRunningException("execution %d is %s, not running".formatted(execution.getId(),
					status));
		}
		current.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(current);
		for (NestedExecutions launched : this.nested) {
			for (JobExecution child : launched.runningUnder(current)) {
				try {
					stop(child);
				}
				catch (JobExecutionNotRunningException ex) {
					// it ended, or was asked to stop, meanwhile
				}
			}
		}
	}

}
