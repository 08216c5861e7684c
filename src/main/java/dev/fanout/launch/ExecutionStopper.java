package dev.fanout.launch;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;
import java.util.function.Predicate;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
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
 * The mark is one conditional {@code UPDATE} (STOPPING only where the row is still STARTING or STARTED), not a read
 * followed by {@code JobRepository.update}: that update first takes the row's current version and upgrades the
 * status it read, and STOPPING ranks above COMPLETED and STOPPED, so a job that ended between the read and the write
 * was put back to STOPPING with no end time and could never be restarted (the chapter's items, stopped as they
 * finished, did this). The version moves on, so the job's own next write reads the new status back; a write of the
 * job that had read the version just before the mark is written again ({@link dev.fanout.batch.RepositoryWrites}).
 */
@Component
public class ExecutionStopper {

	private static final Logger logger = LoggerFactory.getLogger(ExecutionStopper.class);

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final String markStopping;

	private final List<NestedExecutions> nested;

	ExecutionStopper(JobRepository jobRepository, DataSource dataSource, Environment environment,
			List<NestedExecutions> nested) {
		this.jobRepository = jobRepository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.markStopping = "update %sJOB_EXECUTION set STATUS = 'STOPPING', VERSION = VERSION + 1, LAST_UPDATED = ? "
			.formatted(BatchTables.prefix(environment))
				+ "where JOB_EXECUTION_ID = ? and STATUS in ('STARTING', 'STARTED')";
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
	 * is stopping already or is not one to stop; {@code false} when the repository failed, so that the caller's next
	 * sweep asks again instead of leaving the job running until its timeout.
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

	/** Writes STOPPING where the execution still runs, in one statement; reads it back for its nested executions. */
	private JobExecution markStopping(JobExecution execution) throws JobExecutionNotRunningException {
		long id = execution.getId();
		int marked = this.jdbc.update(this.markStopping, Timestamp.valueOf(LocalDateTime.now()), id);
		JobExecution current = this.jobRepository.getJobExecution(id);
		if (marked == 0 || current == null) {
			throw new JobExecutionNotRunningException("execution %d is %s, not running".formatted(id,
					(current != null) ? current.getStatus() : "gone"));
		}
		return current;
	}

}
