package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;

/**
 * Finds schedules' firings in the job repository by their {@code run.id}, walking a job's instances newest first and
 * stopping as soon as the answer is known. Parameters other than {@code run.id} are not compared: another server may
 * fill in different defaults (such as {@code threads}, its number of processors), and it is still the same firing.
 * <p>
 * Thread safety: {@link #noFiringUpTo} is a concurrent map; everything else is read from the repository.
 */
@Component
public class ScheduleRuns {

	private static final int PAGE = 50;

	/**
	 * How much servers' clocks may disagree. A firing's instance is created when its server's clock reaches the
	 * scheduled time, in scheduled order: once the walk passes a firing of the same schedule scheduled this much
	 * earlier, or an instance created twice this much before (creation times are servers' local times), it stops.
	 */
	static final Duration CLOCK_TOLERANCE = Duration.ofMinutes(5);

	private static final Duration CREATED_TOLERANCE = Duration.ofDays(2);

	private final JobRepository jobRepository;

	/** Schedule name → the newest instance id below which a walk found none of its firings (so later walks stop). */
	private final ConcurrentMap<String, Long> noFiringUpTo = new ConcurrentHashMap<>();

	public ScheduleRuns(JobRepository jobRepository) {
		this.jobRepository = jobRepository;
	}

	/** The last run of each schedule that has one, by name: one walk per job, ending when every schedule is found. */
	public Map<String, LastRun> lastRuns(List<Schedule> schedules) {
		Map<String, LastRun> found = new HashMap<>();
		Map<String, List<Schedule>> byJob = new HashMap<>();
		schedules.forEach((s) -> byJob.computeIfAbsent(s.job(), (job) -> new ArrayList<>()).add(s));
		byJob.forEach((job, ofJob) -> {
			Map<String, Long> searched = new HashMap<>();
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
					else if (instance.getInstanceId() <= this.noFiringUpTo.getOrDefault(schedule.name(), -1L)) {
						searched.put(schedule.name(), instance.getInstanceId());
					}
					else {
						pending = true;
					}
				}
				return !pending;
			});
			ofJob.stream()
				.filter((s) -> !found.containsKey(s.name()))
				.forEach((s) -> this.noFiringUpTo.merge(s.name(), newest, Math::max));
		});
		return found;
	}

	/** The last execution of the firing at {@code scheduledTime}, if any server has launched it. */
	public Optional<JobExecution> firing(Schedule schedule, Instant scheduledTime) {
		JobInstance exact = this.jobRepository.getJobInstance(schedule.job(), schedule.jobParameters(scheduledTime));
		if (exact != null) {
			return Optional.ofNullable(this.jobRepository.getLastJobExecution(exact));
		}
		String runId = schedule.runId(scheduledTime);
		Instant passed = scheduledTime.minus(CLOCK_TOLERANCE);
		LocalDateTime oldCreation = LocalDateTime.now().minus(CREATED_TOLERANCE);
		JobExecution[] match = new JobExecution[1];
		walk(schedule.job(), (instance, execution) -> {
			if (execution == null) {
				return false;
			}
			String other = execution.getJobParameters().getString(JobDescription.RUN_ID);
			if (runId.equals(other)) {
				match[0] = execution;
				return true;
			}
			Instant otherTime = schedule.scheduledTime(other);
			return (otherTime != null && otherTime.isBefore(passed))
					|| (execution.getCreateTime() != null && execution.getCreateTime().isBefore(oldCreation));
		});
		return Optional.ofNullable(match[0]);
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
