package dev.fanout;

import java.time.LocalDateTime;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Executions written straight into the repository, in any status and at any time, without running a job: for
 * filters, and for orphans (an execution left STARTED long ago with no owner record, as a process killed before owner
 * records existed leaves it).
 */
public final class RepositoryFixtures {

	private RepositoryFixtures() {
	}

	/** A new instance of the job with one execution in this status, started at this time. */
	public static JobExecution execution(JobRepository repository, String job, JobParameters parameters,
			BatchStatus status, LocalDateTime start) {
		JobInstance instance = repository.createJobInstance(job, parameters);
		JobExecution execution = repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(start);
		execution.setStatus(status);
		if (!status.isRunning()) {
			execution.setEndTime(start.plusSeconds(1));
			execution.setExitStatus(new ExitStatus(status.name()));
		}
		repository.update(execution);
		return execution;
	}

}
