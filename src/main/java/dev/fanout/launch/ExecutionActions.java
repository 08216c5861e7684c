package dev.fanout.launch;

import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.Heartbeat;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/**
 * Stop, abandon and recover, each allowed only where {@link ExecutionRules} allow it, with their one refusal each (in
 * each surface's words): the CLI commands, the API and the dashboard act through here. (Restart goes through
 * {@link Launcher#restart}, under the same rules.)
 */
@Component
public class ExecutionActions {

	/** The length of Spring Batch's exit description column. */
	private static final int MAX_DESCRIPTION = 2500;

	private final JobOperator jobOperator;

	private final ExecutionStopper stopper;

	private final ExecutionHistory history;

	private final Orphans orphans;

	private final JobRepository jobRepository;

	private final ExecutionStates states;

	/** The executions this process runs: a forced recovery of one of them is refused, its owner is surely alive. */
	private final Heartbeat heartbeat;

	/** Claims of instances: an abandon holds its instance's, as a launch does. */
	private final ExecutionClaims claims;

	private final LaunchConflicts conflicts;

	ExecutionActions(JobOperator jobOperator, ExecutionStopper stopper, ExecutionHistory history, Orphans orphans,
			JobRepository jobRepository, ExecutionStates states, Heartbeat heartbeat, ExecutionClaims claims,
			LaunchConflicts conflicts) {
		this.claims = claims;
		this.conflicts = conflicts;
		this.heartbeat = heartbeat;
		this.states = states;
		this.jobRepository = jobRepository;
		this.jobOperator = jobOperator;
		this.stopper = stopper;
		this.history = history;
		this.orphans = orphans;
	}

	/** An execution that was recovered, and why it was orphaned. */
	public record Recovered(JobExecution execution, String why) {

		public String message() {
			return recovered() + "Restart it with: fanout restart %d".formatted(this.execution.getId());
		}

		/** The dashboard's notice, shown on the execution's page, where its Restart button now is. */
		public String pageMessage() {
			return recovered() + "Restart it with its Restart button.";
		}

		private String recovered() {
			return "Execution %d (%s) recovered (%s): now FAILED. ".formatted(this.execution.getId(),
					this.execution.getJobInstance().getJobName(), this.why);
		}

	}

	/** Which actions the execution's state allows without force: the dashboard's buttons. */
	public ExecutionRules.Allowed allowed(JobExecution execution, Ownership ownership) {
		return this.states.allowed(execution, ownership);
	}

	/** Asks a running execution to stop at its next chunk or partition boundary (from any process). */
	public JobExecution stop(long executionId) {
		JobExecution execution = this.history.find(executionId);
		this.states.decide(execution, ExecutionAction.STOP, false).orRefuse();
		try {
			this.stopper.stop(execution);
		}
		catch (JobExecutionNotRunningException ex) {
			throw refusedMeanwhile(executionId, ExecutionAction.STOP, false);
		}
		return execution;
	}

	/**
	 * Marks a FAILED, STOPPED or UNKNOWN execution ABANDONED: its instance is never restarted. Says so only once the
	 * repository does. Done holding the instance's claim, as a launch holds it: Spring Batch checks an instance's
	 * executions and creates the next one in separate transactions, so a restart that had found this execution
	 * restartable created its own just after the abandon, and the abandoned instance ran again. Decided again under the
	 * claim: a launch may have run since the first verdict.
	 */
	public JobExecution abandon(long executionId) {
		JobExecution found = this.history.find(executionId);
		this.states.decide(found, ExecutionAction.ABANDON, false).orRefuse();
		String job = found.getJobInstance().getJobName();
		try (ExecutionClaims.Claim claim = this.claims.claim(job, found.getJobParameters())) {
			return abandonClaimed(executionId);
		}
		catch (ClaimRefusedException ex) {
			throw this.conflicts.claimedRefusal(job, found.getJobParameters(), ex);
		}
	}

	private JobExecution abandonClaimed(long executionId) {
		JobExecution execution = this.history.find(executionId);
		this.states.decide(execution, ExecutionAction.ABANDON, false).orRefuse();
		// Written with the status, in the same update: Spring Batch's abandon leaves the exit description as it was.
		execution.setExitStatus(new ExitStatus(execution.getExitStatus().getExitCode(),
				abandonedDescription(execution.getStatus(), execution.getExitStatus().getExitDescription())));
		if (execution.getStatus() == BatchStatus.UNKNOWN) {
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
				throw refusedMeanwhile(executionId, ExecutionAction.ABANDON, false);
			}
		}
		BatchStatus now = this.history.find(executionId).getStatus();
		if (now != BatchStatus.ABANDONED) {
			throw new IllegalStateException("execution %d is still %s after abandoning it".formatted(executionId, now));
		}
		return execution;
	}

	/**
	 * An abandoned execution's exit description: that it was abandoned, and how it had ended, without the advice to
	 * restart it (such as a stopped job's "a restart resumes it"), which no longer applies.
	 */
	static String abandonedDescription(BatchStatus ended, @Nullable String description) {
		String kept = Arrays.stream(Objects.requireNonNullElse(description, "").split("; "))
			.filter((clause) -> !clause.isBlank() && !clause.toLowerCase(Locale.ROOT).contains("restart"))
			.collect(Collectors.joining("; "));
		String abandoned = "abandoned: its instance never runs again; it had ended %s%s".formatted(ended,
				kept.isEmpty() ? "" : ": " + kept);
		return (abandoned.length() > MAX_DESCRIPTION) ? abandoned.substring(0, MAX_DESCRIPTION - 3) + "..." : abandoned;
	}

	/**
	 * Marks an execution left running by a dead process FAILED, so that it can be restarted.
	 * @param force recover it even if its owner looks alive
	 */
	public Recovered recover(long executionId, boolean force) {
		JobExecution execution = this.history.find(executionId);
		this.states.decide(execution, ExecutionAction.RECOVER, force).orRefuse();
		Ownership ownership = this.orphans.of(execution);
		if (force && !ownership.orphaned() && this.heartbeat.runningExecutions().contains(executionId)) {
			// Force is for an owner known to be dead that looks alive; this process is the owner, and alive. In serve,
			// the API's ?force=true on a job the server itself runs marked it FAILED under it: a restart could then
			// run beside it, and the job ended UNKNOWN at its next commit.
			String problem = ("execution %d runs in this process (%s), which is alive: a forced recovery would let a "
					+ "second run start beside it; ").formatted(executionId, ProcessHandle.current().pid());
			throw new CommandFailure(CommandFailure.Kind.CONFLICT,
					problem + "stop it with 'fanout stop %d'".formatted(executionId),
					problem + "stop it with " + ExecutionAction.STOP.request(executionId),
					problem + "stop it with its Stop button");
		}
		String why = ownership.description();
		if (!this.orphans.recover(execution)) {
			throw refusedMeanwhile(executionId, ExecutionAction.RECOVER, force); // it ended meanwhile
		}
		return new Recovered(execution, why);
	}

	/**
	 * The execution changed between the rules' verdict and the action (it ended, or another process acted on it):
	 * the rules' refusal for its state now.
	 */
	private CommandFailure refusedMeanwhile(long executionId, ExecutionAction action, boolean force) {
		ExecutionRules.Verdict now = this.states.decide(this.history.find(executionId), action, force);
		return now.allowed() ? CommandFailure.conflict(
				"execution %d changed while it was asked to %s; try again".formatted(executionId, action.word()))
				: now.refusal().failure();
	}

	/** Recovers every orphaned execution; one that ended since it was found is left as it ended. */
	public List<Recovered> recoverOrphans() {
		return this.orphans.all().stream().flatMap((execution) -> {
			String why = this.orphans.of(execution).description();
			return this.orphans.recover(execution) ? Stream.of(new Recovered(execution, why)) : Stream.empty();
		}).toList();
	}

}
