package dev.fanout.jobs.chapter;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.OrphanedExecutions;

/**
 * Looks after the execution of an item's job around its job step:
 * <ul>
 * <li>before: when the chapter is restarted after its process died, the item's execution that died with it is
 * still marked running, and Spring Batch would refuse to start the item again; it is recovered first (only when its
 * owner is gone, as {@code recover} would);</li>
 * <li>after: when the item failed, says so in words: the job step only reports that "the delegate Job failed".</li>
 * </ul>
 */
class ItemExecutions implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(ItemExecutions.class);

	private final ChapterItems items;

	private final JobRepository jobRepository;

	private final OrphanedExecutions orphans;

	ItemExecutions(ChapterItems items, JobRepository jobRepository, OrphanedExecutions orphans) {
		this.items = items;
		this.jobRepository = jobRepository;
		this.orphans = orphans;
	}

	@Override
	public void beforeStep(StepExecution stepExecution) {
		JobExecution item = item(stepExecution);
		if (item != null && this.orphans.recoverIfOrphaned(item)) {
			logger.info("Recovered execution {} of {}: its process died with the chapter's", item.getId(),
					item.getJobInstance().getJobName());
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (stepExecution.getStatus() != BatchStatus.FAILED) {
			return null;
		}
		JobExecution item = item(stepExecution);
		if (item != null) {
			stepExecution.addFailureException(new IllegalStateException("%s failed (execution %d): %s".formatted(
					item.getJobInstance().getJobName(), item.getId(), item.getExitStatus().getExitDescription())));
		}
		return null;
	}

	/** The last execution of the step's item for this chapter instance, or null before its first. */
	private @Nullable JobExecution item(StepExecution stepExecution) {
		String jobName = ChapterSummary.jobName(stepExecution.getStepName());
		return this.items.lastExecution(this.jobRepository, jobName, stepExecution.getJobExecution());
	}

}
