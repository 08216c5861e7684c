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

	/** The instance's last execution is running (or is said to be): who runs it, or that nobody does. */
	String running(JobExecution execution, Ownership ownership) {
		return ExecutionRules.running(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus(), ownership);
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
