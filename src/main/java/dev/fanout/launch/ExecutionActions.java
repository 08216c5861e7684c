package dev.fanout.launch;

import java.time.LocalDateTime;
import java.util.List;
import java.util.Objects;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/**
 * Stop, abandon and recover, each allowed only in the states Spring Batch allows, with one message per refusal: the
 * CLI commands and the API both act through here. (Restart goes through {@link Launcher#restart}.)
 */
@Component
public class ExecutionActions {

	private final JobOperator jobOperator;

	private final ExecutionStopper stopper;

	private final ExecutionHistory history;

	private final Orphans orphans;

	private final JobRepository jobRepository;

	ExecutionActions(JobOperator jobOperator, ExecutionStopper stopper, ExecutionHistory history, Orphans orphans,
			JobRepository jobRepository) {
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.stopper = stopper;
		this.history = history;
		this.orphans = orphans;
	}

	/** An execution that was recovered, and why it was orphaned. */
	public record Recovered(JobExecution execution, String why) {

		public String message() {
			return "Execution %d (%s) recovered (%s): now FAILED. Restart it with: fanout restart %d".formatted(
					this.execution.getId(), this.execution.getJobInstance().getJobName(), this.why,
					this.execution.getId());
		}

	}

	/** Asks a running execution to stop at its next chunk or partition boundary (from any process). */
	public JobExecution stop(long executionId) {
		JobExecution execution = this.history.find(executionId);
		try {
			this.stopper.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			JobExecution now = this.history.find(executionId);
			throw CommandFailure.conflict((now.getStatus() == BatchStatus.STOPPING)
					? ("execution %d is already stopping: it stops at its next chunk or partition boundary (if its "
							+ "process died, 'recover %d' it)").formatted(executionId, executionId)
					: "execution %d is %s, not running; nothing to stop".formatted(executionId, now.getStatus()));
		}
		return execution;
	}

	/**
	 * Marks a FAILED, STOPPED or UNKNOWN execution ABANDONED: its instance is never restarted. Says so only once the
	 * repository does.
	 */
	public JobExecution abandon(long executionId) {
		JobExecution execution = this.history.find(executionId);
		BatchStatus status = execution.getStatus();
		if (status == BatchStatus.COMPLETED || status == BatchStatus.ABANDONED) {
			throw CommandFailure.conflict("execution %d is %s; only FAILED, STOPPED or UNKNOWN executions can be abandoned"
				.formatted(executionId, status));
		}
		if (Orphans.leftRunning(execution)) {
			throw CommandFailure.conflict(("execution %d is %s: 'stop %d' it first, or 'recover %d' it if its process "
					+ "was killed").formatted(executionId, status, executionId, executionId));
		}
		if (status == BatchStatus.UNKNOWN) {
			// JobOperator.abandon only upgrades a status, and UNKNOWN outranks ABANDONED: it would change nothing.
			execution.setStatus(BatchStatus.ABANDONED);
			execution.setEndTime(Objects.requireNonNullElseGet(execution.getEndTime(), LocalDateTime::now));
			this.jobRepository.update(execution);
		}
		else {
			try {
				this.jobOperator.abandon(execution);
			}
			catch (JobExecutionAlreadyRunningException ex) {
				throw CommandFailure.conflict(("execution %d is %s: 'stop %d' it first, or 'recover %d' it if its "
						+ "process was killed").formatted(executionId, status, executionId, executionId));
			}
		}
		BatchStatus now = this.history.find(executionId).getStatus();
		if (now != BatchStatus.ABANDONED) {
			throw new IllegalStateException("execution %d is still %s after abandoning it".formatted(executionId, now));
		}
		return execution;
	}

	/**
	 * Marks an execution left running by a dead process FAILED, so that it can be restarted.
	 * @param force recover it even if its owner looks alive
	 */
	public Recovered recover(long executionId, boolean force) {
		JobExecution execution = this.history.find(executionId);
		if (!Orphans.needsRecovery(execution)) {
			throw CommandFailure.conflict(("execution %d is %s; only an execution left running by a dead process, or "
					+ "ended UNKNOWN, needs recovering").formatted(executionId, execution.getStatus()));
		}
		Ownership ownership = this.orphans.of(execution);
		if (!ownership.orphaned() && !force) {
			throw CommandFailure.conflict(("execution %d is not orphaned: %s. Stop it with 'fanout stop %d'; only if you "
					+ "are sure its process is dead, add --force (recovering a live execution lets a second run start "
					+ "beside it)").formatted(executionId, ownership.description(), executionId));
		}
		this.orphans.recover(execution);
		return new Recovered(execution, ownership.description());
	}

	/** Recovers every orphaned execution. */
	public List<Recovered> recoverOrphans() {
		return this.orphans.all().stream().map((execution) -> {
			String why = this.orphans.of(execution).description();
			this.orphans.recover(execution);
			return new Recovered(execution, why);
		}).toList();
	}

}
