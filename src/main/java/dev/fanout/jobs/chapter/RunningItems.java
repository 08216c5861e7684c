package dev.fanout.jobs.chapter;

import java.util.List;
import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;

import dev.fanout.batch.NestedExecutions;

/** A chapter's items that are running: a stop of the chapter stops them too. */
class RunningItems implements NestedExecutions {

	private final ChapterItems items;

	private final JobRepository jobRepository;

	RunningItems(ChapterItems items, JobRepository jobRepository) {
		this.items = items;
		this.jobRepository = jobRepository;
	}

	@Override
	public List<JobExecution> runningUnder(JobExecution parent) {
		if (!parent.getJobInstance().getJobName().equals(ChapterJobConfiguration.JOB)) {
			return List.of();
		}
		return this.items.jobs()
			.stream()
			.map((job) -> this.items.lastExecution(this.jobRepository, job.getName(), parent))
			.filter(Objects::nonNull)
			.filter(JobExecution::isRunning)
			.toList();
	}

}
