package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BatchTables;
import dev.fanout.batch.JobDescription;

/**
 * Finds schedules' firings in the job repository by their {@code run.id}. Parameters other than {@code run.id} are not
 * compared: another server may fill in different defaults (such as {@code threads}, its number of processors), and it
 * is still the same firing. Whether one firing has run is asked of Spring Batch's parameter table directly (through an
 * index of Fanout's schema scripts); the last
 * runs of schedules are found by walking a job's instances newest first, stopping as soon as the answer is known.
 * <p>
 * Thread safety: {@link #noFiring} is a concurrent map, updated atomically per schedule; everything else is read from
 * the repository.
 */
@Component
public class ScheduleRuns {

	private static final int PAGE = 50;

	/**
	 * How long after a walk saw an instance id the ids up to it are taken as final. A walk can see an instance before
	 * it has its execution (Spring Batch creates the instance, validates the parameters, then creates the execution,
	 * which holds the {@code run.id}), and before an instance of a lower id has committed: a walk at least this much
	 * later finds both. Measured on this process's own clock, so servers' clocks and zones do not matter.
	 */
	static final Duration SETTLE = Duration.ofMinutes(5);

	private final JobRepository jobRepository;

	private final JdbcTemplate jdbc;

	/** The newest execution of a job whose {@code run.id} is the given one, in Spring Batch's tables. */
	private final String lastExecutionByRunId;

	/** Schedule name → how far down walks found none of its firings (so later walks stop there). */
	private final ConcurrentMap<String, NoFiring> noFiring = new ConcurrentHashMap<>();

	/**
	 * Where walks found none of a schedule's firings.
	 *
	 * @param upTo no instance up to this id holds one of its firings: walks stop there
	 * @param seen the newest instance id a walk found none in, not yet final
	 * @param seenAt when that walk ended ({@link System#nanoTime})
	 */
	private record NoFiring(long upTo, long seen, long seenAt) {

		static final NoFiring NONE = new NoFiring(-1, -1, 0);

		/**
		 * After a walk that started at {@code started} found none down to {@link #upTo}: what it saw becomes final
		 * once the walk started {@link #SETTLE} after it was seen, since it looked at every id up to it again.
		 */
		NoFiring after(long newest, long started, long ended) {
			if (this.seen >= 0 && started - this.seenAt >= SETTLE.toNanos()) {
				return new NoFiring(Math.max(this.upTo, this.seen), newest, ended);
			}
			return (this.seen >= 0) ? this : new NoFiring(this.upTo, newest, ended);
		}

	}

	public ScheduleRuns(JobRepository jobRepository, DataSource dataSource, Environment environment) {
		this.jobRepository = jobRepository;
		this.jdbc = new JdbcTemplate(dataSource);
		this.lastExecutionByRunId = lastExecutionByRunId(BatchTables.prefix(environment));
	}

	/**
	 * The newest execution of a job ({@code ?}) whose {@code run.id} is {@code ?}, reading a few rows by index
	 * whatever the repository holds: the parameters through the schema scripts' index
	 * {@code BATCH_JOB_EXECUTION_PARAMS_RUN_ID} (PostgreSQL's is partial, on {@code run.id}: the name is written into
	 * the statement so that a prepared statement's generic plan can use it), then each execution and its instance by
	 * key. The job is an {@code exists} rather than a join: as a join, H2 went from the parameters to every instance
	 * of the job by name.
	 */
	static String lastExecutionByRunId(String prefix) {
		return ("select max(e.JOB_EXECUTION_ID) from %1$sJOB_EXECUTION_PARAMS p join %1$sJOB_EXECUTION e on "
				+ "e.JOB_EXECUTION_ID = p.JOB_EXECUTION_ID where p.PARAMETER_NAME = '%2$s' and p.PARAMETER_VALUE = ? "
				+ "and exists (select 1 from %1$sJOB_INSTANCE i where i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID and "
				+ "i.JOB_NAME = ?)")
			.formatted(prefix, JobDescription.RUN_ID);
	}

	/** The last run of each schedule that has one, by name: one walk per job, ending when every schedule is found. */
	public Map<String, LastRun> lastRuns(List<Schedule> schedules) {
		Map<String, LastRun> found = new HashMap<>();
		Map<String, List<Schedule>> byJob = new HashMap<>();
		schedules.forEach((s) -> byJob.computeIfAbsent(s.job(), (job) -> new ArrayList<>()).add(s));
		byJob.forEach((job, ofJob) -> {
			Map<String, Long> searched = new HashMap<>();
			Map<String, Long> upTo = new HashMap<>();
			ofJob.forEach((s) -> upTo.put(s.name(), this.noFiring.getOrDefault(s.name(), NoFiring.NONE).upTo()));
			long started = System.nanoTime();
			long newest = walk(job, (instance, execution) -> {
				String runId = (execution != null) ? execution.getJobParameters().getString(JobDescription.RUN_ID) : null;
				boolean pending = false;
				for (Schedule schedule : ofJob) {
					if (found.containsKey(schedule.name()) || searched.containsKey(schedule.name())) {
						continue;
					}
					Instant scheduled = schedule.scheduledTime(runId);
					if (scheduled != null) {
						found.put(schedule.name(), new LastRun(execution.getId(), execution.getStatus().toString(),
								execution.getStartTime(), scheduled));
					}
					else if (instance.getInstanceId() <= upTo.get(schedule.name())) {
						searched.put(schedule.name(), instance.getInstanceId());
					}
					else {
						pending = true;
					}
				}
				return !pending;
			});
			// Not `newest` at once: an instance seen without its execution yet may still become the schedule's first
			// firing, and a lower id may not have committed yet.
			long ended = System.nanoTime();
			ofJob.stream()
				.filter((s) -> !found.containsKey(s.name()))
				.forEach((s) -> this.noFiring.compute(s.name(), (name, previous) -> Objects
					.requireNonNullElse(previous, NoFiring.NONE)
					.after(newest, started, ended)));
		});
		return found;
	}

	/**
	 * The last execution of the firing at {@code scheduledTime}, if any server has launched it: looked up by its
	 * {@code run.id} itself. Neither the instance's key (another server's defaults make another key) nor the order in
	 * which instances were created tells: a server creates the instances of firings it launches together (run-once's
	 * missed firing beside the on-time one, on two launch threads; a firing taken over late from a dead server) in any
	 * order.
	 */
	public Optional<JobExecution> firing(Schedule schedule, Instant scheduledTime) {
		Long id = this.jdbc.queryForObject(this.lastExecutionByRunId, Long.class, schedule.runId(scheduledTime),
				schedule.job());
		return Optional.ofNullable((id != null) ? this.jobRepository.getJobExecution(id) : null);
	}

	/** A step of a walk: the instance and its last execution (if any); returns whether the walk may stop. */
	@FunctionalInterface
	private interface Visit {

		boolean done(JobInstance instance, @Nullable JobExecution lastExecution);

	}

	/** Visits the job's instances newest first until {@code visit} is done; returns the newest instance id (or -1). */
	private long walk(String job, Visit visit) {
		long newest = -1;
		for (int start = 0;; start += PAGE) {
			List<JobInstance> instances = this.jobRepository.getJobInstances(job, start, PAGE);
			for (JobInstance instance : instances) {
				newest = Math.max(newest, instance.getInstanceId());
				if (visit.done(instance, this.jobRepository.getLastJobExecution(instance))) {
					return newest;
				}
			}
			if (instances.size() < PAGE) {
				return newest;
			}
		}
	}

}
