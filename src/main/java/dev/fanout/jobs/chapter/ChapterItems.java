package dev.fanout.jobs.chapter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
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
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.LaunchOrigin;

/**
 * The jobs the chapter runs and the parameters each gets: its defaults (the sample data), plus a {@code run.id} tied
 * to the chapter's instance, so each chapter instance runs fresh instances of its items. Some defaults depend on the
 * machine ({@code threads}, {@code partitions} and {@code parallelism} are its processor count), so the chapter's
 * first execution records every item's parameters in its execution context ({@link #record}) and every later
 * execution of the instance uses those: restarting the chapter restarts the same item instances, wherever it runs.
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

	/**
	 * The parameters of a step's item: those its chapter execution recorded ({@link #record}), and that execution as
	 * what launched it.
	 */
	JobParameters parameters(Job job, StepExecution stepExecution) {
		JobExecution chapter = stepExecution.getJobExecution();
		return LaunchOrigin.chapter(chapter.getId()).applyTo(parameters(job.getName(), chapter));
	}

	/**
	 * The parameters an item runs with in a chapter execution: those recorded in its context by the instance's first
	 * execution; the current defaults if none were recorded (an instance started before they were).
	 */
	JobParameters parameters(String jobName, JobExecution chapter) {
		if (chapter.getExecutionContext().get(recordKey(jobName)) instanceof Map<?, ?> recorded) {
			JobParametersBuilder builder = new JobParametersBuilder();
			recorded.forEach((name, value) -> builder.addString(name.toString(), value.toString(), true));
			return builder.toJobParameters();
		}
		return parameters(jobName, chapter.getJobInstance().getInstanceId());
	}

	/** The parameters an item gets from its current defaults, with the {@code run.id} of a chapter instance. */
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

	/**
	 * Records in the chapter execution's context the parameters of every item that has none recorded yet: all of
	 * them on the instance's first execution, none on a restart (its context is the failed execution's).
	 * @return whether it recorded any: the caller then saves the context, before any item starts
	 */
	boolean record(JobExecution chapter) {
		ExecutionContext context = chapter.getExecutionContext();
		boolean recorded = false;
		for (Job job : this.jobs) {
			if (!context.containsKey(recordKey(job.getName()))) {
				LinkedHashMap<String, String> values = new LinkedHashMap<>();
				parameters(job.getName(), chapter.getJobInstance().getInstanceId()).parameters()
					.forEach((parameter) -> values.put(parameter.name(), String.valueOf(parameter.value())));
				context.put(recordKey(job.getName()), values);
				recorded = true;
			}
		}
		return recorded;
	}

	private static String recordKey(String jobName) {
		return "chapter.item." + jobName + ".parameters";
	}

	/** The last execution of an item's job for a chapter execution's instance, or null before its first. */
	@Nullable JobExecution lastExecution(JobRepository jobRepository, String jobName, JobExecution chapter) {
		return jobRepository.getLastJobExecution(jobName, parameters(jobName, chapter));
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
