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
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.Launcher;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.ExecutionClaims;

/**
 * Launches one firing, at most once across every server sharing the repository. The firing is claimed first (an owner
 * record keyed by the schedule and {@code run.id} alone, so servers that fill in different defaults still collide);
 * holding the claim, it looks for an instance with that {@code run.id}, and only if there is none launches through
 * the {@link Launcher}, whose instance claim and conflict checks remain a second guard. A firing that another launch
 * has is logged at INFO and never run again; nothing here throws.
 */
public class ScheduleFiring {

	private static final Logger logger = LoggerFactory.getLogger(ScheduleFiring.class);

	/** Owner records of firings use this prefix instead of a job name, so they never collide with an instance's. */
	static final String CLAIM_PREFIX = "schedule:";

	/**
	 * Launches refused although nobody has the firing: on PostgreSQL, Spring Batch creates instances in SERIALIZABLE
	 * transactions, and two instances of one job created at the same moment (two schedules of one job firing
	 * together) can fail one of them with a serialization failure. Holding the firing's claim, trying again is safe.
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
		String runId = schedule.runId(scheduledTime);
		try (ExecutionClaims.Claim claim = this.claims.claim(CLAIM_PREFIX + schedule.name(),
				new JobParametersBuilder().addString(JobDescription.RUN_ID, runId).toJobParameters())) {
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
					logger.info("Firing {}: launch refused ({}); looking again", runId, ex.getMessage());
					Thread.sleep(ThreadLocalRandom.current().nextLong(20, 100) * attempt);
				}
			}
		}
		catch (ClaimRefusedException ex) {
			logger.info("Firing {} is being launched by {}: another server runs it; not running it here", runId,
					ex.holder().process());
			return FiringOutcome.TAKEN;
		}
		catch (CommandFailure ex) {
			logger.error("Firing {} not launched: {}", runId, ex.getMessage());
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

	private FiringOutcome launch(Schedule schedule, Instant scheduledTime, String runId) {
		logger.info("Firing {}: launching {}", runId, schedule.job());
		JobExecution execution = this.launcher.start(this.launcher.job(schedule.job()),
				schedule.jobParameters(scheduledTime), (notice) -> logger.info("Firing {}: {}", runId, notice));
		if (execution.getStatus() == BatchStatus.COMPLETED) {
			logger.info("Firing {}: execution {} COMPLETED", runId, execution.getId());
		}
		else {
			logger.warn("Firing {}: execution {} {}: {} ('fanout restart {}' after fixing the cause)", runId,
					execution.getId(), execution.getStatus(), execution.getExitStatus().getExitDescription(),
					execution.getId());
		}
		return FiringOutcome.LAUNCHED;
	}

}
