package dev.fanout.jobs.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchKind;

/**
 * The jobs the chapter runs and the parameters each gets: its defaults (the sample data), plus a {@code run.id} tied
 * to the chapter's instance, so each chapter instance runs fresh instances of its items and restarting the chapter
 * restarts the same ones.
 */
final class ChapterItems {

	private final List<Job> jobs;

	private final Map<String, JobDescription<?>> descriptions;

	ChapterItems(List<Job> jobs, List<JobDescription<?>> descriptions) {
		this.jobs = jobs;
		this.descriptions = descriptions.stream()
			.collect(Collectors.toMap(JobDescription::jobName, Function.identity(), (a, b) -> a));
	}

	List<Job> jobs() {
		return this.jobs;
	}

	static String stepName(String jobName) {
		return ChapterJobConfiguration.JOB + Character.toUpperCase(jobName.charAt(0)) + jobName.substring(1);
	}

	JobParameters parameters(Job job, StepExecution stepExecution) {
		return parameters(job.getName(), stepExecution.getJobExecution().getJobInstance().getInstanceId());
	}

	JobParameters parameters(String jobName, long chapterInstance) {
		try {
			return new JobParametersBuilder(this.descriptions.get(jobName).toJobParameters(Map.of()))
				.addString(JobDescription.RUN_ID, "chapter-" + chapterInstance)
				.toJobParameters();
		}
		catch (InvalidJobParametersException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The last execution of an item's job for a chapter instance, or null before its first. */
	@Nullable JobExecution lastExecution(JobRepository jobRepository, String jobName, long chapterInstance) {
		return jobRepository.getLastJobExecution(jobName, parameters(jobName, chapterInstance));
	}

	/**
	 * Rejects the chapter before it starts when one of its items would be rejected (e.g. no openssl password), with
	 * that item's message: the checks of each item's own launch of the same kind (the chapter's first execution
	 * starts its items; its restart restarts them).
	 */
	void check(LaunchKind kind) {
		for (Job job : this.jobs) {
			try {
				this.descriptions.get(job.getName()).forLaunch(parameters(job.getName(), 0), kind);
			}
			catch (InvalidJobParametersException | IllegalArgumentException | IOException | UncheckedIOException ex) {
				throw new IllegalArgumentException("%s: %s".formatted(job.getName(), ex.getMessage()));
			}
		}
	}

}
