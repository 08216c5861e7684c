package dev.fanout.jobs.chapter;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;

/**
 * Fixes the parameters of the chapter's items before any of them starts: records them in the chapter execution's
 * context ({@link ChapterItems#record}) and saves it at once, so that a chapter killed while its items run is
 * restarted with the parameters it launched them with, and finds the executions they left behind.
 */
class ItemParameters implements JobExecutionListener {

	private final ChapterItems items;

	private final JobRepository jobRepository;

	ItemParameters(ChapterItems items, JobRepository jobRepository) {
		this.items = items;
		this.jobRepository = jobRepository;
	}

	@Override
	public void beforeJob(JobExecution chapter) {
		if (this.items.record(chapter)) {
			this.jobRepository.updateExecutionContext(chapter);
		}
	}

}
