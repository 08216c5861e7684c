package dev.fanout.launch;

import java.util.List;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.stereotype.Component;

import dev.fanout.batch.NestedExecutions;

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
 * <p>
 * Every stop in Fanout goes through here (the API's and the CLI's, a signal's, the scheduler's at shutdown), so the
 * one retry below serves them all: the running job writes its own execution row too, and when its write lands between
 * the repository's version check and the stop's {@code UPDATE}, the stop fails with an optimistic locking failure
 * although nothing is wrong; reading the execution again and writing once more then succeeds.
 */
@Component
public class ExecutionStopper {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionStopper.class);

	/** Tries of one stop that lose the race with the job's own write: the race is rare, and each try reads anew. */
	static final int ATTEMPTS = 5;

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
		JobExecution stopping = markStopping(execution);
		for (NestedExecutions launched : this.nested) {
			for (JobExecution child : launched.runningUnder(stopping)) {
				try {
					stop(child);
				}
				catch (JobExecutionNotRunningException ex) {
					// it ended, or was asked to stop, meanwhile
				}
			}
		}
	}

	/**
	 * One sweep's stop of an execution found running in this process (a signal's, the scheduler's at shutdown): asks it
	 * to stop if {@code which} accepts it. Whether it needs no more asking: {@code true} once asked, or when it ended,
	 * is stopping already or is not one to stop; {@code false} when the repository failed even after the retries, so
	 * that the caller's next sweep asks again instead of leaving the job running until its timeout.
	 */
	public boolean askToStop(long executionId, Predicate<JobExecution> which, String why) {
		try {
			JobExecution execution = this.jobRepository.getJobExecution(executionId);
			if (execution == null || !execution.getStatus().isRunning() || execution.isStopping()
					|| !which.test(execution)) {
				return true;
			}
			logger.info("{}: stopping execution {}", why, executionId);
			stop(execution);
			return true;
		}
		catch (JobExecutionNotRunningException ex) {
			return true;
		}
		catch (DataAccessException ex) {
			logger.warn("{}: could not stop execution {} ({}); trying again", why, executionId, ex.getMessage());
			return false;
		}
	}

	/** Writes STOPPING, reading the execution anew and writing again when the job's own write won the race. */
	private JobExecution markStopping(JobExecution execution) throws JobExecutionNotRunningException {
		for (int attempt = 1;; attempt++) {
			try {
				return markStoppingOnce(execution);
			}
			catch (OptimisticLockingFailureException ex) {
				if (attempt == ATTEMPTS) {
					throw ex;
				}
				logger.info("Stopping execution {}: its job wrote it meanwhile ({}); trying again", execution.getId(),
						ex.getMessage());
			}
		}
	}

	private JobExecution markStoppingOnce(JobExecution execution) throws JobExecutionNotRunningException {
		// Read again just before writing: the update below upgrades the status, and STOPPING ranks above COMPLETED.
		JobExecution current = this.jobRepository.getJobExecution(execution.getId());
		BatchStatus status = (current != null) ? current.getStatus() : execution.getStatus();
		if (current == null || (status != BatchStatus.STARTING && status != BatchStatus.STARTED)) {
			throw new JobExecutionNotRunningException("execution %d is %s, not running".formatted(execution.getId(),
					status));
		}
		current.setStatus(BatchStatus.STOPPING);
		this.jobRepository.update(current);
		return current;
	}

}
