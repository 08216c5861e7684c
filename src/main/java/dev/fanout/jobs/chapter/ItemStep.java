package dev.fanout.jobs.chapter;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.job.JobStep;

/**
 * A job step that runs one item's job, and counts it done when the item already completed: the chapter's process
 * can die after the item's job completed but before this step recorded it, and Spring Batch would then refuse to
 * start the completed instance again ("already exists and is complete") and fail the chapter's restart. Likewise when
 * the item's restart finds all its steps done (NOOP).
 */
class ItemStep extends JobStep {

	private final ChapterItems items;

	private final JobRepository jobRepository;

	ItemStep(Job item, ChapterItems items, JobRepository jobRepository, JobOperator jobOperator) {
		super(jobRepository);
		this.items = items;
		this.jobRepository = jobRepository;
		setName(ChapterItems.stepName(item.getName()));
		setJob(item);
		setJobOperator(jobOperator);
		setJobParametersExtractor(items::parameters);
	}

	@Override
	protected void doExecute(StepExecution stepExecution) throws Exception {
		JobExecution last = this.items.lastExecution(this.jobRepository, ChapterSummary.jobName(getName()),
				stepExecution.getJobExecution());
		if (last != null && last.getStatus() == BatchStatus.COMPLETED) {
			stepExecution.setExitStatus(ExitStatus.COMPLETED);
			return;
		}
		super.doExecute(stepExecution);
		if (ExitStatus.NOOP.getExitCode().equals(stepExecution.getExitStatus().getExitCode())) {
			// The item's steps had all completed before its execution ended (killed or stopped just then): its restart
			// had nothing left to do (NOOP), which the chapter's flow must read as done, not as an unknown outcome
			// that fails it. Set here, before AbstractStep combines exit codes: a listener's COMPLETED cannot
			// replace the more severe NOOP.
			stepExecution.setExitStatus(ExitStatus.COMPLETED.addExitDescription("nothing left to do: all its steps had "
					+ "completed"));
		}
	}

}
