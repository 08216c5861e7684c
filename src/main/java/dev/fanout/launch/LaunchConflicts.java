package dev.fanout.launch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobOutputs;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/** The messages of refused launches: each says what holds the instance and what to type next. */
@Component
class LaunchConflicts {

	private final JobRepository jobRepository;

	private final Orphans orphans;

	LaunchConflicts(JobRepository jobRepository, Orphans orphans) {
		this.jobRepository = jobRepository;
		this.orphans = orphans;
	}

	/** Spring Batch refused to run the instance again: it completed, or it was abandoned. */
	String alreadyComplete(String jobName, JobParameters parameters) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
			return ("%s with these parameters was abandoned in execution %d, and an abandoned instance never runs "
					+ "again; run it with --new for a fresh instance, or change a parameter").formatted(jobName, last.getId());
		}
		String where = (last == null) ? "" : " in execution %d%s".formatted(last.getId(),
				JobOutputs.of(last).isEmpty() ? "" : " (output: " + String.join(", ", JobOutputs.of(last)) + ")");
		return "%s with these parameters already completed%s; run it with --new for a fresh instance, or change a parameter"
			.formatted(jobName, where);
	}

	/**
	 * {@code restart} of a COMPLETED or ABANDONED execution, which no restart resumes.
	 * @param runNew the command that runs a fresh instance with the same parameters
	 */
	String notRestartable(JobExecution execution, String runNew) {
		String what = (execution.getStatus() == BatchStatus.ABANDONED)
				? "was abandoned, and an abandoned instance never runs again"
				: "already completed%s; restart only resumes a FAILED or STOPPED execution".formatted(
						JobOutputs.of(execution).isEmpty() ? ""
								: " (output: " + String.join(", ", JobOutputs.of(execution)) + ")");
		return "execution %d of %s %s. For a fresh instance with the same parameters: %s".formatted(execution.getId(),
				execution.getJobInstance().getJobName(), what, runNew);
	}

	/** The instance's last execution is running (or is said to be): who runs it, or that nobody does. */
	String running(JobExecution execution, Ownership ownership) {
		long id = execution.getId();
		String job = execution.getJobInstance().getJobName();
		if (ownership.orphaned()) {
			String state = (execution.getStatus() == BatchStatus.UNKNOWN) ? "needs recovering"
					: "was left running and is orphaned";
			return ("execution %d of this %s instance " + state + ": %s. Recover it, then restart it: 'fanout recover %d' "
					+ "then 'fanout restart %d' ('fanout recover --orphans' recovers every orphan; with "
					+ "--fanout.recovery.auto=true, run and restart do both by themselves)")
				.formatted(id, job, ownership.description(), id, id);
		}
		return "execution %d of this %s instance is still running: %s. Wait for it to end, or stop it with 'fanout stop %d'"
			.formatted(id, job, ownership.description(), id);
	}

	/** The execution (the last of its instance) is running, or is said to be. */
	String running(JobExecution execution) {
		return running(execution, this.orphans.of(execution));
	}

	/** Spring Batch found a running execution of the instance. */
	String running(String jobName, JobParameters parameters) {
		JobExecution last = lastExecution(jobName, parameters);
		if (last == null || !Orphans.leftRunning(last)) {
			return raced(jobName);
		}
		return running(last);
	}

	/** Another process holds the claim of the instance. */
	String claimed(String jobName, JobParameters parameters, ClaimRefusedException refused) {
		Long executionId = refused.holder().executionId();
		JobExecution last = lastExecution(jobName, parameters);
		if (executionId != null && last != null && last.getId() == executionId) {
			return running(last, refused.ownership());
		}
		return ("another launch of this %s instance is under way in %s; it runs there ('fanout history %s' shows it "
				+ "once it has started)").formatted(jobName, refused.holder().process(), jobName);
	}

	/** The repository refused a concurrent creation of the instance or its execution. */
	String raced(String jobName) {
		return ("another process launched this %s instance at the same moment, and it runs there; 'fanout history %s' "
				+ "shows it").formatted(jobName, jobName);
	}

	private JobExecution lastExecution(String jobName, JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(jobName, parameters);
		return (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
	}

}
