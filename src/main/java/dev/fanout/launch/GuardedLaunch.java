package dev.fanout.launch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobExecutionAlreadyRunningException;
import org.springframework.batch.core.launch.JobInstanceAlreadyCompleteException;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.launch.JobRestartException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.dao.PessimisticLockingFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.stereotype.Component;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.core.CommandFailure;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;
import dev.fanout.recovery.RecoveryProperties;

/**
 * One launch through the {@link JobOperator}, guarded: a running execution of the instance is refused (or, orphaned,
 * recovered when {@code fanout.recovery.auto} is set), the instance is claimed for this process while it runs, and
 * every way Spring Batch or the database refuses a concurrent launch becomes one message that says what to do.
 */
@Component
class GuardedLaunch {

	private static final int LOCK_CONFLICT_ATTEMPTS = 4;

	private final JobOperator jobOperator;

	private final JobRepository jobRepository;

	private final ExecutionClaims claims;

	private final Orphans orphans;

	private final RecoveryProperties recovery;

	private final LaunchConflicts conflicts;

	private final ExecutionParameters executionParameters;

	GuardedLaunch(JobOperator jobOperator, JobRepository jobRepository, ExecutionClaims claims, Orphans orphans,
			RecoveryProperties recovery, LaunchConflicts conflicts, ExecutionParameters executionParameters) {
		this.executionParameters = executionParameters;
		this.jobOperator = jobOperator;
		this.jobRepository = jobRepository;
		this.claims = claims;
		this.orphans = orphans;
		this.recovery = recovery;
		this.conflicts = conflicts;
	}

	/**
	 * Starts or restarts the instance of {@code job} with {@code parameters}; returns when its execution ends. The
	 * launch's one parse of its parameters happens here, before anything is created in the repository (Spring Batch
	 * creates the instance before it validates), and its result goes to the execution ({@link ExecutionParameters}).
	 * A first execution's inputs are read here; a restart's are not (see {@link LaunchKind#RESTART}).
	 */
	JobExecution start(Job job, JobParameters parameters, Consumer<String> notices) {
		// Names and values first, which need no repository: a launch refused for them does not reach it.
		Parsed<?> parsed = parse(job.getName(), parameters);
		JobInstance instance = this.jobRepository.getJobInstance(job.getName(), parameters);
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		Object typed = parsed.prepare((last != null) ? LaunchKind.RESTART : LaunchKind.FIRST);
		if (last != null) {
			settleRunning(last, notices);
		}
		return launch(job, parameters, typed, false, (instance != null && last == null) ? instance : null, notices);
	}

	/**
	 * Starts a new instance of {@code job} with these parameters, which name a {@value JobDescription#RUN_ID} that
	 * no instance had when it was chosen; {@code typed} is their parse ({@link #parseFirst}).
	 * @throws InstanceTaken when another launch claimed or created that instance first: choose another run id
	 */
	JobExecution startNew(Job job, JobParameters parameters, Object typed) {
		return launch(job, parameters, typed, true, null, (notice) -> {
		});
	}

	/** The launch's one parse of a new instance's parameters, before its run id is chosen. */
	Object parseFirst(String jobName, JobParameters parameters) {
		return parse(jobName, parameters).prepare(LaunchKind.FIRST);
	}

	/**
	 * Thrown by {@link #startNew} when another launch took the instance first, before anything of this launch was
	 * written.
	 */
	static final class InstanceTaken extends RuntimeException {

		InstanceTaken() {
			super(null, null, false, false);
		}

	}

	/**
	 * @param seenWithoutExecution the instance, when it was found without an execution before the claim
	 */
	private JobExecution launch(Job job, JobParameters parameters, Object typed, boolean fresh,
			@Nullable JobInstance seenWithoutExecution, Consumer<String> notices) {
		try (ExecutionClaims.Claim claim = this.claims.claim(job.getName(), parameters);
				ExecutionParameters.HandOver handOver = this.executionParameters.handOver(job.getName(), parameters,
						typed)) {
			// Held by this claim, the instance cannot be created by another launch from here on.
			if (fresh && this.jobRepository.getJobInstance(job.getName(), parameters) != null) {
				throw new InstanceTaken();
			}
			if (seenWithoutExecution != null && deleteIfWithoutExecution(seenWithoutExecution)) {
				notices.accept(("Instance %d of %s had no execution (the launch that created it ended before "
						+ "creating one); launching it as a new instance").formatted(
								seenWithoutExecution.getInstanceId(), job.getName()));
			}
			return startClaimed(job, parameters);
		}
		catch (ClaimRefusedException ex) {
			if (fresh) {
				throw new InstanceTaken();
			}
			throw this.conflicts.claimedRefusal(job.getName(), parameters, ex);
		}
		catch (InvalidJobParametersException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
		catch (JobInstanceAlreadyCompleteException ex) {
			throw this.conflicts.completedRefusal(job.getName(), parameters);
		}
		catch (JobExecutionAlreadyRunningException ex) {
			throw this.conflicts.runningRefusal(job.getName(), parameters);
		}
		catch (JobRestartException ex) {
			throw CommandFailure.conflict("cannot restart %s: %s".formatted(job.getName(), ex.getMessage()));
		}
		catch (DataIntegrityViolationException | PessimisticLockingFailureException | QueryTimeoutException ex) {
			// Two launches creating the same instance at once: the unique instance key, or a lock held by the other
			// launch's transaction, stopped this one.
			throw this.conflicts.racedRefusal(job.getName());
		}
		catch (OptimisticLockingFailureException ex) {
			String changed = "another process changed this %s execution's record while it ran (was it recovered with %s?); %s shows where it stands";
			throw new CommandFailure(CommandFailure.Kind.CONFLICT,
					changed.formatted(job.getName(), "--force", "'fanout history %s'".formatted(job.getName())),
					changed.formatted(job.getName(), "force=true", "GET /api/executions?job=" + job.getName()),
					changed.formatted(job.getName(), "force", "the executions list"));
		}
	}

	/**
	 * The launch's parse of its parameters' names and values ({@link JobDescription#parseNamed}), which reads no
	 * input: its checks that depend on the launch's kind follow ({@link Parsed#prepare}).
	 */
	private Parsed<?> parse(String jobName, JobParameters parameters) {
		return Parsed.of(this.executionParameters.description(jobName), parameters);
	}

	/** A launch's parameters, parsed, waiting for the launch's checks of its inputs and tools. */
	private record Parsed<P>(JobDescription<P> description, P values) {

		static <P> Parsed<P> of(JobDescription<P> description, JobParameters parameters) {
			try {
				return new Parsed<>(description, description.parseNamed(parameters));
			}
			catch (InvalidJobParametersException | IllegalArgumentException | UncheckedIOException ex) {
				throw CommandFailure.usage(ex.getMessage());
			}
		}

		Object prepare(LaunchKind kind) {
			try {
				return this.description.prepare(this.values, kind);
			}
			catch (IllegalArgumentException | IOException | UncheckedIOException ex) {
				throw CommandFailure.usage(ex.getMessage());
			}
		}

	}

	/**
	 * An instance with no execution is what a launch leaves when its process dies, or its connection breaks, between
	 * Spring Batch's creation of the instance and of its first execution (two transactions); Spring Batch would refuse
	 * to launch it ever again ("Cannot find any job execution"). Held by this claim, no other launch is creating its
	 * execution, so it is deleted, and this launch creates it again.
	 */
	private boolean deleteIfWithoutExecution(JobInstance instance) {
		if (this.jobRepository.getLastJobExecution(instance) != null) {
			return false;
		}
		this.jobRepository.deleteJobInstance(instance);
		return true;
	}

	/**
	 * Starts while holding the instance's claim. No other process launches this instance meanwhile, so a lock
	 * conflict (a deadlock, or a serialization failure where instances are created at {@code SERIALIZABLE}, Spring
	 * Batch's default) comes from a launch of another instance at the same moment, and trying again is safe. Spring
	 * Batch creates the instance and its execution in two transactions: an instance left without its execution is
	 * deleted before the next try.
	 */
	private JobExecution startClaimed(Job job, JobParameters parameters) throws JobExecutionAlreadyRunningException,
			JobRestartException, JobInstanceAlreadyCompleteException, InvalidJobParametersException {
		for (int attempt = 1;; attempt++) {
			try {
				return this.jobOperator.start(job, parameters);
			}
			catch (PessimisticLockingFailureException ex) {
				if (attempt == LOCK_CONFLICT_ATTEMPTS) {
					throw ex;
				}
				LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(20_000_000L, 100_000_000L));
				JobInstance left = this.jobRepository.getJobInstance(job.getName(), parameters);
				if (left != null) {
					deleteIfWithoutExecution(left);
				}
			}
		}
	}

	/**
	 * A running execution of the instance to launch: refused if its owner is alive; if it is orphaned, recovered
	 * when {@code fanout.recovery.auto} is set, else refused with what to type.
	 */
	void settleRunning(JobExecution execution, Consumer<String> notices) {
		if (!Orphans.needsRecovery(execution)) {
			return;
		}
		Ownership ownership = this.orphans.of(execution);
		if (!ownership.orphaned() || !this.recovery.auto()) {
			throw this.conflicts.running(execution, ownership);
		}
		if (this.orphans.recover(execution)) { // else it ended meanwhile: the launch goes on as for an ended one
			notices.accept("Recovered orphaned execution %d (%s); restarting its instance".formatted(
					execution.getId(), ownership.description()));
		}
	}

}
