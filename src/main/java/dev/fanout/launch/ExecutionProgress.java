package dev.fanout.launch;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.stereotype.Component;

import dev.fanout.batch.Attempts;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.Progress;
import dev.fanout.batch.ProgressMeasure;

/**
 * The {@link Progress} of an execution as the job repository has it, counted in what its job declares
 * ({@link JobDescription#progress()}): for the CLI's live line and the dashboard alike. It reads every execution of
 * the instance, because a restart's progress includes what its earlier attempts did.
 */
@Component
public class ExecutionProgress {

	private final Launcher launcher;

	private final JobRepository jobRepository;

	ExecutionProgress(Launcher launcher, JobRepository jobRepository) {
		this.launcher = launcher;
		this.jobRepository = jobRepository;
	}

	/**
	 * The progress of an execution as the caller read it, with the other attempts of its instance read now (they have
	 * ended, or come after it): the dashboard's page counts the same steps it shows.
	 */
	public Progress of(JobExecution execution) {
		String jobName = execution.getJobInstance().getJobName();
		List<JobExecution> executions = this.jobRepository.getJobExecutions(execution.getJobInstance())
			.stream()
			.map((e) -> (e.getId() == execution.getId()) ? execution : e)
			.toList();
		if (!executions.contains(execution)) {
			// Pruned meanwhile: its own steps are all there is.
			return Progress.of(Attempts.of(execution, List.of(), List.of()), measure(jobName));
		}
		return Progress.of(Attempts.of(execution, executions, stepNames(jobName)), measure(jobName));
	}

	/** The progress of one execution of {@code instance}, or {@code null} when the repository does not have it. */
	public @Nullable Progress of(JobInstance instance, long executionId) {
		List<JobExecution> executions = this.jobRepository.getJobExecutions(instance);
		JobExecution current = executions.stream().filter((e) -> e.getId() == executionId).findFirst().orElse(null);
		if (current == null) {
			return null;
		}
		String jobName = instance.getJobName();
		return Progress.of(Attempts.of(current, executions, stepNames(jobName)), measure(jobName));
	}

	/** The job's measure; a job this version no longer has still shows its history, counted in steps. */
	private ProgressMeasure measure(String jobName) {
		return this.launcher.descriptions().stream()
			.filter((description) -> description.jobName().equals(jobName))
			.map(JobDescription::progress)
			.findFirst()
			.orElseGet(ProgressMeasure::steps);
	}

	private List<String> stepNames(String jobName) {
		boolean known = this.launcher.descriptions().stream().anyMatch((d) -> d.jobName().equals(jobName));
		return (known && this.launcher.job(jobName) instanceof AbstractJob job) ? List.copyOf(job.getStepNames())
				: List.of();
	}

}
