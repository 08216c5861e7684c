package dev.fanout.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import dev.fanout.launch.CommandFailure;

/** The read side of the job repository: executions, newest first, and single executions by id. */
@Component
public class ExecutionHistory {

	private static final int PAGE = 50;

	private final JobRepository jobRepository;

	public ExecutionHistory(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/**
	 * The newest executions, optionally of one job and in one status.
	 * @param job a job name, or {@code null} for all jobs
	 * @param status a batch status name, or {@code null} for any
	 */
	public List<ExecutionSummary> list(@Nullable String job, @Nullable String status, int limit) {
		List<String> names = (job != null) ? List.of(job) : this.jobRepository.getJobNames();
		List<JobExecution> found = new ArrayList<>();
		for (String name : names) {
			collect(name, status, limit, found);
		}
		return found.stream()
			.sorted(Comparator.comparingLong(JobExecution::getId).reversed())
			.limit(limit)
			.map(ExecutionSummary::of)
			.toList();
	}

	/** Up to {@code limit} matching executions of one job, walking its instances newest first. */
	private void collect(String job, @Nullable String status, int limit, List<JobExecution> found) {
		int matched = 0;
		for (int start = 0; matched < limit; start += PAGE) {
			List<JobInstance> instances = this.jobRepository.getJobInstances(job, start, PAGE);
			for (JobInstance instance : instances) {
				for (JobExecution execution : this.jobRepository.getJobExecutions(instance)) {
					if (status == null || execution.getStatus().toString().equalsIgnoreCase(status)) {
						found.add(execution);
						matched++;
					}
				}
			}
			if (instances.size() < PAGE) {
				return;
			}
		}
	}

	/** The execution with this id, or a usage failure that says how to find ids. */
	public JobExecution find(long executionId) {
		JobExecution execution;
		try {
			execution = this.jobRepository.getJobExecution(executionId);
		}
		catch (EmptyResultDataAccessException ex) {
			// Spring Batch 6.0.4's JDBC DAO throws here instead of returning null as documented.
			execution = null;
		}
		if (execution == null) {
			throw CommandFailure.usage("no job execution with id %d; 'history' lists the executions".formatted(executionId));
		}
		return execution;
	}

}
