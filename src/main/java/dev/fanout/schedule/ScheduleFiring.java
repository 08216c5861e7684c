package dev.fanout.schedule;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.ExecutionAction;
import dev.fanout.launch.Launcher;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.ExecutionClaims;

/**
 * Launches one firing, at most once across every server sharing the repository. The firing is claimed first (an owner
 * record keyed by the schedule and {@code run.id} alone, so servers that fill in different defaults still collide);
 * holding the claim, it looks for an instance with that {@code run.id}, and only if there is none launches through
 * the {@link Launcher}, whose instance claim and conflict checks remain a second guard. A firing that another launch
 * has is logged at INFO and never run again. A firing whose claim another process holds while no instance exists yet
 * is {@link FiringOutcome#PENDING}: that process may still be validating it, or may have died before creating it (its
 * claim is then replaced, see {@link ExecutionClaims#claim}), so the {@link Scheduler} hands it here again at later
 * ticks. Nothing here throws.
 */
public class ScheduleFiring {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleFiring.class);

	/** Owner records of firings use this prefix instead of a job name, so they never collide with an instance's. */
	static final String CLAIM_PREFIX = "schedule:";

	/**
	 * Launches refused although nobody has the firing: a lock conflict with the launch of another instance at the
	 * same moment that outlasted the launch's own tries (likely where an operator set instances to be created at
	 * {@code SERIALIZABLE}, Spring Batch's default). Holding the firing's claim, trying again is safe.
	 */
	private static final int ATTEMPTS = 4;

	private final Launcher launcher;

	private final ExecutionClaims claims;

	private final ScheduleRuns runs;

	ScheduleFiring(Launcher launcher, ExecutionClaims claims, ScheduleRuns runs) {
		this.launcher = launcher;
		this.claims = claims;
		this.runs = runs;
	}

	/** Launches the firing of {@code schedule} at {@code scheduledTime} unless it has been launched; waits for it. */
	public FiringOutcome fire(Schedule schedule, Instant scheduledTime) {
		return fire(schedule, scheduledTime, false);
	}

	/**
	 * As {@link #fire(Schedule, Instant)}; {@code again} when the firing was {@link FiringOutcome#PENDING} before, so
	 * that a claim still held by the same process is not logged at INFO at every tick.
	 */
	FiringOutcome fire(Schedule schedule, Instant scheduledTime, boolean again) {
		String runId = schedule.runId(scheduledTime);
		try {
			ExecutionClaims.Claim claim;
			try {
				claim = this.claims.claim(CLAIM_PREFIX + schedule.name(),
						new JobParametersBuilder().addString(JobDescription.RUN_ID, runId).toJobParameters());
			}
			catch (ClaimRefusedException ex) {
				return refused(schedule, scheduledTime, runId, ex, again);
			}
			try (claim) {
				return launchUnlessLaunched(schedule, scheduledTime, runId);
			}
		}
		catch (CommandFailure ex) {
			logger.error("Firing {} not launched: {}", runId, logged(ex));
			return FiringOutcome.FAILED;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			logger.info("Firing {} not launched: interrupted (shutting down)", runId);
			return FiringOutcome.DROPPED;
		}
		catch (RuntimeException ex) {
			logger.error("Firing {} not launched", runId, ex);
			return FiringOutcome.FAILED;
		}
	}

	private FiringOutcome launchUnlessLaunched(Schedule schedule, Instant scheduledTime, String runId)
			throws InterruptedException {
		for (int attempt = 1;; attempt++) {
			Optional<JobExecution> existing = this.runs.firing(schedule, scheduledTime);
			if (existing.isPresent()) {
				logger.info("Firing {} of {} was launched already (execution {}, {}): another server (or this one, "
						+ "earlier) ran it; not running it again", runId, schedule.job(), existing.get().getId(),
						existing.get().getStatus());
				return FiringOutcome.TAKEN;
			}
			try {
				return launch(schedule, scheduledTime, runId);
			}
			catch (CommandFailure ex) {
				if (ex.exitCode() != ExitCodes.CONFLICT || attempt == ATTEMPTS) {
					throw ex;
				}
				logger.info("Firing {}: launch refused ({}); looking again", runId, logged(ex));
				Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
			}
		}
	}

	/**
	 * Another process holds the firing's claim: a live one, or a dead one whose execution was left running (recovery
	 * handles that one). Once the firing's instance exists the firing is taken; until then it is pending: the claim
	 * alone does not say that the firing will run, since its holder may die before it creates the instance, and
	 * nobody else would then launch it.
	 */
	private FiringOutcome refused(Schedule schedule, Instant scheduledTime, String runId, ClaimRefusedException ex,
			boolean again) {
		Optional<JobExecution> existing = this.runs.firing(schedule, scheduledTime);
		if (existing.isPresent()) {
			logger.info("Firing {} is being launched by {} (execution {}): another server runs it; not running it here",
					runId, ex.holder().process(), existing.get().getId());
			return FiringOutcome.TAKEN;
		}
		String message = "Firing {} is claimed by {}, which has not created its instance yet: looking again at the next "
				+ "ticks, and launching it here if that process dies first";
		if (again) {
			logger.debug(message, runId, ex.holder().process());
		}
		else {
			logger.info(message, runId, ex.holder().process());
		}
		return FiringOutcome.PENDING;
	}

	/**
	 * A refusal as serve's log words it: the API's words. The CLI's name commands and options of {@code run} that a
	 * firing has no use for ({@code --new}, {@code --fanout.recovery.auto=true}); the API is what the server that logs
	 * it serves, and its settings are that server's.
	 */
	private static String logged(CommandFailure refusal) {
		return refusal.apiMessage();
	}

	private FiringOutcome launch(Schedule schedule, Instant scheduledTime, String runId) {
		logger.info("Firing {}: launching {}", runId, schedule.job());
		JobExecution execution = this.launcher.start(this.launcher.job(schedule.job()),
				schedule.jobParameters(scheduledTime), LaunchOrigin.schedule(schedule.name()),
				(notice) -> logger.info("Firing {}: {}", runId, notice));
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			logger.info("Firing {}: execution {} COMPLETED", runId, execution.getId());
		}
		else {
			// In the words of the server that logs it, as refusals are (logged): its Restart button or API request.
			logger.warn("Firing {}: execution {} {}: {} (after fixing the cause, restart it: the {} button on its "
					+ "page, or {})", runId, execution.getId(), execution.getStatus(),
					execution.getExitStatus().getExitDescription(), ExecutionAction.RESTART.button(),
					ExecutionAction.RESTART.request(execution.getId()));
		}
		return FiringOutcome.LAUNCHED;
	}

}
