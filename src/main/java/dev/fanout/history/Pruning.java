package dev.fanout.history;

import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
import dev.fanout.batch.PartitionData;

/**
 * Retention: deletes old job instances from the repository, keeping everything a restart or a running job needs. An
 * instance goes only when its last execution is COMPLETED or ABANDONED (nothing left to restart) and every one of its
 * executions ended before the cut-off. FAILED and STOPPED instances stay until restarted or abandoned.
 */
@Component
public class Pruning {

	/**
	 * Instances whose last execution is done for good and older than the cut-off, none of them still running; the
	 * tables' prefix ({@code %1$s}) is Spring Batch's as configured.
	 */
	private static final String PRUNABLE = """
			select i.JOB_INSTANCE_ID from %1$sJOB_INSTANCE i join %1$sJOB_EXECUTION e
			on e.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID and e.JOB_EXECUTION_ID = (select max(m.JOB_EXECUTION_ID)
			from %1$sJOB_EXECUTION m where m.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID)
			where e.STATUS in ('COMPLETED', 'ABANDONED') and e.END_TIME < ?
			and not exists (select 1 from %1$sJOB_EXECUTION r where r.JOB_INSTANCE_ID = i.JOB_INSTANCE_ID
			and (r.END_TIME is null or r.END_TIME >= ?))
			order by i.JOB_INSTANCE_ID""";

	/** The partitions' workers of an instance's executions. */
	private static final String WORKERS = "delete from FANOUT_PARTITION_WORKER where JOB_EXECUTION_ID in (select "
			+ "JOB_EXECUTION_ID from %sJOB_EXECUTION where JOB_INSTANCE_ID = ?)";

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	private final PartitionData partitionData;

	private final String prunable;

	private final String workers;

	Pruning(JobRepository jobRepository, DataSource dataSource, PartitionData partitionData, Environment environment) {
		this.jobRepository = jobRepository;
		this.partitionData = partitionData;
		this.jdbc = new JdbcTemplate(dataSource);
		String prefix = BatchTables.prefix(environment);
		this.prunable = PRUNABLE.formatted(prefix);
		this.workers = WORKERS.formatted(prefix);
	}

	/** What a prune deleted, or would delete. */
	public record Pruned(int instances, int executions) {

	}

	/** The instances that {@link #prune} would delete. */
	public List<JobInstance> prunable(LocalDateTime cutoff) {
		Timestamp at = Timestamp.valueOf(cutoff);
		return this.jdbc.queryForList(this.prunable, Long.class, at, at)
			.stream()
			.map(this.jobRepository::getJobInstance)
			.toList();
	}

	/**
	 * Deletes each prunable instance with its executions, their parameters, steps and contexts, what its partitions
	 * left in the repository (an abandoned instance's) and the record of the workers that ran them.
	 */
	public Pruned prune(List<JobInstance> instances) {
		int executions = 0;
		for (JobInstance instance : instances) {
			executions += this.jobRepository.getJobExecutions(instance).size();
			this.partitionData.deleteInstance(instance.getInstanceId());
			// Which worker ran each remote partition: kept with the step executions, so it goes with them.
			this.jdbc.update(this.workers, instance.getInstanceId());
			this.jobRepository.deleteJobInstance(instance);
		}
		return new Pruned(instances.size(), executions);
	}

}
