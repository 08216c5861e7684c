package dev.fanout.history;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.dao.EmptyResultDataAccessException;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.Ownership;

/** The read side of the job repository: executions, newest first, and single executions by id. */
@Component
public class ExecutionHistory {

	private final JobRepository jobRepository;

	private final Orphans orphans;

	private final ExecutionQueries queries;

	ExecutionHistory(JobRepository jobRepository, Orphans orphans, ExecutionQueries queries) {
		this.jobRepository = jobRepository;
		this.orphans = orphans;
		this.queries = queries;
	}

	/** The history of a repository, for a command that runs without an application context. */
	public static ExecutionHistory of(JobRepository jobRepository, Orphans orphans, DataSource dataSource,
			Environment environment) {
		return new ExecutionHistory(jobRepository, orphans, new ExecutionQueries(dataSource, environment));
	}

	/** One page of the executions that match the filter, newest first, with the total count. */
	public ExecutionPage page(ExecutionFilter filter, int page, int size) {
		long total = this.queries.count(filter);
		return new ExecutionPage(summaries(this.queries.ids(filter, page, size)), page, size, total);
	}

	/**
	 * The newest executions, optionally of one job and in one status: their ids chosen by one query, then only those
	 * loaded, however long the history.
	 * @param job a job name, or {@code null} for all jobs
	 * @param status a batch status name (any case), or {@code null} for any; a name that is no status matches nothing
	 */
	public List<ExecutionSummary> list(@Nullable String job, @Nullable String status, int limit) {
		return ExecutionFilter.of(job, status)
			.map((filter) -> summaries(this.queries.ids(filter, 0, limit)))
			.orElse(List.of());
	}

	/** The names of the jobs that have executions in the repository, sorted. */
	public List<String> jobNames() {
		return this.jobRepository.getJobNames();
	}

	/**
	 * The summaries of these executions, in this order: those that have ended from two queries, the others (running,
	 * left running, UNKNOWN) loaded whole and judged by their owners.
	 */
	private List<ExecutionSummary> summaries(List<Long> ids) {
		Map<Long, ExecutionSummary> summaries = new HashMap<>(this.queries.ended(ids));
		List<JobExecution> others = new ArrayList<>();
		for (long id : ids) {
			if (!summaries.containsKey(id)) {
				JobExecution execution = this.jobRepository.getJobExecution(id);
				if (execution != null) {
					others.add(execution);
				}
			}
		}
		Map<Long, Ownership> ownership = this.orphans.of(others);
		for (JobExecution execution : others) {
			Read read = settled(execution, ownership.get(execution.getId()));
			summaries.put(execution.getId(), ExecutionSummary.of(read.execution(), read.ownership()));
		}
		return ids.stream().map(summaries::get).filter(Objects::nonNull).toList();
	}

	/** An execution as read, with its ownership judged after that read ({@link #settled}). */
	public record Read(JobExecution execution, Ownership ownership) {
	}

	/** The execution with this id and its ownership, as {@link #settled} reads them. */
	public Read read(long executionId) {
		JobExecution execution = find(executionId);
		return settled(execution, this.orphans.of(execution));
	}

	/**
	 * The execution and its ownership, read again once when it was judged orphaned for want of an owner record: its
	 * process records its end, then deletes that record, so a long run read just before it ended, and judged just
	 * after, showed "orphaned" until the next read (a refresh of the dashboard, another {@code history}). Read again,
	 * it has ended; a true orphan is judged so again.
	 */
	private Read settled(JobExecution execution, Ownership ownership) {
		if (!Orphans.leftRunning(execution) || !ownership.orphaned() || ownership.owner() != null) {
			return new Read(execution, ownership);
		}
		JobExecution again = this.jobRepository.getJobExecution(execution.getId());
		return (again != null) ? new Read(again, this.orphans.of(again)) : new Read(execution, ownership);
	}

	/**
	 * The execution that went on with the instance of a FAILED or STOPPED one: its instance's last execution when that
	 * is a later one (a restart), else {@code null}.
	 */
	public @Nullable ExecutionSummary continuedIn(ExecutionSummary execution) {
		if (!execution.status().equals("FAILED") && !execution.status().equals("STOPPED")) {
			return null;
		}
		JobInstance instance = this.jobRepository.getJobInstance(execution.instanceId());
		JobExecution last = (instance != null) ? this.jobRepository.getLastJobExecution(instance) : null;
		return (last != null && last.getId() > execution.id()) ? ExecutionSummary.of(last) : null;
	}

	/** One execution with its steps, and whether it is orphaned. */
	public ExecutionDetail detail(long executionId) {
		return detail(read(executionId));
	}

	/**
	 * The detail of an execution as the caller read it (its status, steps and ownership), with its partitions'
	 * workers read now: a page built from one read of the execution cannot show two states of it.
	 */
	public ExecutionDetail detail(Read read) {
		return ExecutionDetail.of(read.execution(), read.ownership(), this.queries.workers(read.execution().getId()));
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
			throw CommandFailure.notFound("no job execution with id %d; 'history' lists the executions".formatted(executionId),
					"no job execution with id %d; GET /api/executions lists the executions".formatted(executionId),
					"no job execution with id %d".formatted(executionId));
		}
		return execution;
	}

}
