package dev.fanout.history;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
import dev.fanout.batch.InstanceFiles;
import dev.fanout.batch.PartitionData;
import dev.fanout.core.FanoutProperties;

/**
 * Retention: deletes old job instances from the repository, keeping everything a restart or a running job needs. An
 * instance goes only when its last execution is COMPLETED or ABANDONED (nothing left to restart) and every one of its
 * executions ended before the cut-off. FAILED and STOPPED instances stay until restarted or abandoned. A pruned
 * instance's work directory goes with it (an abandoned instance's intermediate files: nothing can restart it any
 * more); its outputs go too when asked ({@link InstanceFiles}), each after the instance's rows are gone, so that no
 * instance still in the history loses its outputs.
 */
@Component
public class Pruning {

	private static final Logger logger = LoggerFactory.getLogger(Pruning.class);

	/**
	 * The earliest cut-off: no execution ended before 1970 (the API's {@code from} starts there too), so an age that
	 * reaches further back can only be a mistake.
	 */
	public static final LocalDateTime EARLIEST_CUTOFF = LocalDateTime.of(1970, 1, 1, 0, 0);

	/** The latest year of a cut-off, the last of a four-digit year as the databases' timestamps take it. */
	private static final int LAST_YEAR = 9999;

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

	private final InstanceFiles files;

	Pruning(JobRepository jobRepository, DataSource dataSource, PartitionData partitionData, Environment environment,
			FanoutProperties fanout) {
		this.jobRepository = jobRepository;
		this.files = new InstanceFiles(fanout);
		this.partitionData = partitionData;
		this.jdbc = new JdbcTemplate(dataSource);
		String prefix = BatchTables.prefix(environment);
		this.prunable = PRUNABLE.formatted(prefix);
		this.workers = WORKERS.formatted(prefix);
	}

	/**
	 * What a prune deleted: instances, their executions, and the outputs deleted with them (files and directories,
	 * and the bytes they held); {@code failures} names each file that could not be deleted, and why.
	 */
	public record Pruned(int instances, int executions, Outputs outputs, List<String> failures) {

	}

	/** Outputs found or deleted: how many files and directories named after their instance, holding how many bytes. */
	public record Outputs(int count, long bytes) {

	}

	/** The instances that {@link #prune} would delete. */
	public List<JobInstance> prunable(LocalDateTime cutoff) {
		// A cut-off out of these bounds comes from an overflow, and Timestamp.valueOf would wrap it to any year: one
		// far in the future deleted every instance.
		if (cutoff.isBefore(EARLIEST_CUTOFF) || cutoff.getYear() > LAST_YEAR) {
			throw new IllegalArgumentException("the cut-off %s is not from %s to the year %d".formatted(cutoff,
					EARLIEST_CUTOFF, LAST_YEAR));
		}
		Timestamp at = Timestamp.valueOf(cutoff);
		return this.jdbc.queryForList(this.prunable, Long.class, at, at)
			.stream()
			.map(this.jobRepository::getJobInstance)
			.filter(Objects::nonNull) // pruned meanwhile by another prune
			.toList();
	}

	/** The outputs that {@link #prune} would delete with these instances when asked to. */
	public Outputs outputs(List<JobInstance> instances) {
		long bytes = 0;
		List<Path> outputs = outputsOf(instances).values().stream().flatMap(List::stream).toList();
		for (Path output : outputs) {
			try {
				bytes += InstanceFiles.size(output);
			}
			catch (IOException ex) {
				// gone or unreadable: counted, its size unknown
			}
		}
		return new Outputs(outputs.size(), bytes);
	}

	/**
	 * Deletes each prunable instance with its executions, their parameters, steps and contexts, what its partitions
	 * left in the repository (an abandoned instance's), the record of the workers that ran them and its work
	 * directory; with {@code withOutputs}, its outputs too. A file that cannot be deleted is logged and named in
	 * {@link Pruned#failures()}; the prune goes on.
	 */
	public Pruned prune(List<JobInstance> instances, boolean withOutputs) {
		Map<Long, List<Path>> outputs = withOutputs ? outputsOf(instances) : Map.of();
		int pruned = 0;
		int executions = 0;
		int deleted = 0;
		long bytes = 0;
		List<String> failures = new ArrayList<>();
		for (JobInstance instance : instances) {
			int instanceExecutions = deleteRows(instance);
			if (instanceExecutions >= 0) {
				pruned++;
				executions += instanceExecutions;
			}
			// Its rows are gone now, whoever deleted them: its files may go.
			for (Path work : workOf(instance, failures)) {
				delete(instance, work, failures);
			}
			for (Path output : outputs.getOrDefault(instance.getInstanceId(), List.of())) {
				long size = delete(instance, output, failures);
				if (size >= 0) {
					deleted++;
					bytes += size;
				}
			}
		}
		return new Pruned(pruned, executions, new Outputs(deleted, bytes), failures);
	}

	/**
	 * Deletes an instance's rows: the number of its executions, or -1 when another prune (another process, or another
	 * machine on a shared PostgreSQL repository) deleted it first. Spring Batch deletes by version, and refuses a row
	 * that is no longer there.
	 */
	private int deleteRows(JobInstance instance) {
		try {
			int executions = this.jobRepository.getJobExecutions(instance).size();
			this.partitionData.deleteInstance(instance.getInstanceId());
			// Which worker ran each remote partition: kept with the step executions, so it goes with them.
			this.jdbc.update(this.workers, instance.getInstanceId());
			this.jobRepository.deleteJobInstance(instance);
			return executions;
		}
		catch (OptimisticLockingFailureException ex) {
			if (this.jobRepository.getJobInstance(instance.getInstanceId()) == null) {
				return -1;
			}
			throw ex;
		}
	}

	/** Deletes a file or tree of a pruned instance; the bytes it held, or -1 (logged, named in failures) if it stayed. */
	private static long delete(JobInstance instance, Path file, List<String> failures) {
		try {
			return InstanceFiles.delete(file);
		}
		catch (IOException ex) {
			failed(file.toString(), instance, ex, failures);
			return -1;
		}
	}

	/** The instance's work directory, if any; a directory that cannot be looked at is named in failures. */
	private List<Path> workOf(JobInstance instance, List<String> failures) {
		try {
			return this.files.work(instance);
		}
		catch (IOException ex) {
			failed("the work directory of instance " + instance.getInstanceId(), instance, ex, failures);
			return List.of();
		}
	}

	/** Logs what of a pruned instance could not be deleted, and names it, with why, in failures. */
	private static void failed(String what, JobInstance instance, IOException ex, List<String> failures) {
		logger.warn("Could not delete {} of pruned instance {}", what, instance.getInstanceId(), ex);
		failures.add("%s (%s: %s)".formatted(what, ex.getClass().getSimpleName(), ex.getMessage()));
	}

	private Map<Long, List<Path>> outputsOf(List<JobInstance> instances) {
		try {
			return this.files.outputs(instances.stream().map(JobInstance::getInstanceId).toList());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot list the outputs under the data directory: " + ex.getMessage(), ex);
		}
	}

}
