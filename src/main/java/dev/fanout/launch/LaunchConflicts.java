package dev.fanout.launch;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.CommandFailure;
import dev.fanout.recovery.ClaimRefusedException;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.ProcessIdentity;
import dev.fanout.recovery.Ownership;

/**
 * The messages of refused launches: each says what holds the instance and what to type next, as a
 * {@link CommandFailure} in the words of the CLI, the API and the dashboard where they differ.
 */
@Component
class LaunchConflicts {

	private final JobRepository jobRepository;

	private final Orphans orphans;

	LaunchConflicts(JobRepository jobRepository, Orphans orphans) {
		this.jobRepository = jobRepository;
		this.orphans = orphans;
	}

	/**
	 * Spring Batch refused to run the instance again: it completed, or it was abandoned. Each surface says how it
	 * starts a fresh instance: {@code --new}, {@code "newInstance": true}, the launch form's box.
	 */
	CommandFailure completedRefusal(String jobName, JobParameters parameters) {
		JobExecution last = this.jobRepository.getLastJobExecution(jobName, parameters);
		String refusal;
		if (last != null && last.getStatus() == BatchStatus.ABANDONED) {
			refusal = "%s with these parameters was abandoned in execution %d, and an abandoned instance never runs again"
				.formatted(jobName, last.getId());
		}
		else {
			String where = (last == null) ? "" : " in execution %d%s".formatted(last.getId(),
					JobOutputs.of(last).isEmpty() ? "" : " (output: " + String.join(", ", JobOutputs.of(last)) + ")");
			refusal = "%s with these parameters already completed%s".formatted(jobName, where);
		}
		return new CommandFailure(CommandFailure.Kind.CONFLICT,
				refusal + "; run it with --new for a fresh instance, or change a parameter",
				refusal + "; send \"newInstance\": true for a fresh instance, or change a parameter",
				refusal + "; tick \"new instance\" for a fresh instance, or change a parameter");
	}

	/** The instance's last execution is running (or is said to be): who runs it, or that nobody does. */
	CommandFailure running(JobExecution execution, Ownership ownership) {
		return ExecutionRules.running(execution.getId(), execution.getJobInstance().getJobName(),
				execution.getStatus(), ownership)
			.failure();
	}

	/** The execution (the last of its instance) is running, or is said to be. */
	CommandFailure running(JobExecution execution) {
		return running(execution, this.orphans.of(execution));
	}

	/** Spring Batch found a running execution of the instance. */
	CommandFailure runningRefusal(String jobName, JobParameters parameters) {
		JobExecution last = lastExecution(jobName, parameters);
		if (last == null || !Orphans.leftRunning(last)) {
			return racedRefusal(jobName);
		}
		return running(last);
	}

	/** Another process holds the claim of the instance; where to see the launch is each surface's own. */
	CommandFailure claimedRefusal(String jobName, JobParameters parameters, ClaimRefusedException refused) {
		Long executionId = refused.holder().executionId();
		JobExecution last = lastExecution(jobName, parameters);
		if (executionId != null && last != null && last.getId() == executionId) {
			return running(last, refused.ownership());
		}
		String refusal = "another launch of this %s instance is under way in %s; it runs there (%s shows it once it has "
				+ "started)";
		ProcessIdentity process = refused.holder().process();
		return new CommandFailure(CommandFailure.Kind.CONFLICT,
				refusal.formatted(jobName, process, "'fanout history %s'".formatted(jobName)),
				refusal.formatted(jobName, process, "GET /api/executions?job=" + jobName),
				refusal.formatted(jobName, process, "the executions list"));
	}

	/** The repository refused a concurrent creation of the instance or its execution. */
	CommandFailure racedRefusal(String jobName) {
		String refusal = "another process launched this %s instance at the same moment, and it runs there; %s shows it";
		return new CommandFailure(CommandFailure.Kind.CONFLICT,
				refusal.formatted(jobName, "'fanout history %s'".formatted(jobName)),
				refusal.formatted(jobName, "GET /api/executions?job=" + jobName),
				refusal.formatted(jobName, "the executions list"));
	}

	private JobExecution lastExecution(String jobName, JobParameters parameters) {
		JobInstance instance = this.jobRepository.getJobInstance(jobName, parameters);
		return (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
	}

}
