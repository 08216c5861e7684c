package dev.fanout.jobs.chapter;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;

/** Collects what each item's job did: one summary line per item, and all their outputs. */
class ChapterSummary implements Tasklet {

	private final ChapterItems items;

	private final JobRepository jobRepository;

	ChapterSummary(ChapterItems items, JobRepository jobRepository) {
		this.items = items;
		this.jobRepository = jobRepository;
	}

	static String jobName(String stepName) {
		String item = stepName.substring(ChapterJobConfiguration.JOB.length());
		return Character.toLowerCase(item.charAt(0)) + item.substring(1);
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		JobExecution chapter = chunkContext.getStepContext().getStepExecution().getJobExecution();
		List<String> lines = new ArrayList<>();
		for (Job job : this.items.jobs()) {
			JobExecution item = this.items.lastExecution(this.jobRepository, job.getName(), chapter);
			if (item == null) {
				continue;
			}
			// The job's summary, else its exit description (sensors tells its counts there), else its status.
			String summary = JobOutputs.summary(item);
			String description = item.getExitStatus().getExitDescription();
			String firstLine = !summary.isEmpty() ? summary.lines().findFirst().orElse("")
					: !description.isBlank() ? description.lines().findFirst().orElse("") : item.getStatus().toString();
			lines.add("%s (execution %d): %s".formatted(job.getName(), item.getId(), firstLine));
			JobOutputs.of(item).forEach((output) -> JobOutputs.add(chapter, Path.of(output)));
		}
		JobOutputs.summarize(chapter, String.join("\n", lines));
		return RepeatStatus.FINISHED;
	}

}
