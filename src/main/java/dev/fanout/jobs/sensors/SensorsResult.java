package dev.fanout.jobs.sensors;

import java.nio.file.Path;
import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.sensors.counting.CountResult;

/**
 * The report: reads what the manager step recorded, checks it, writes the result file atomically and ends with exit
 * code {@value #LOST_UPDATES} (and the job with it) when the unsafe counter lost updates. Re-runnable: it only reads
 * the repository and replaces its file.
 */
class SensorsResult implements Tasklet {

	private static final Logger logger = LoggerFactory.getLogger(SensorsResult.class);

	static final String LOST_UPDATES = "LOST_UPDATES";

	private final SensorsParameters parameters;

	private final JobRepository jobRepository;

	private final Path output;

	SensorsResult(SensorsParameters parameters, JobRepository jobRepository, Path output) {
		this.parameters = parameters;
		this.jobRepository = jobRepository;
		this.output = output;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
		StepExecution step = chunkContext.getStepContext().getStepExecution();
		// The manager may have completed in an earlier execution of this instance: ask the repository.
		StepExecution manager = this.jobRepository.getLastStepExecution(step.getJobExecution().getJobInstance(),
				SensorsJobConfiguration.MANAGER_STEP);
		if (manager == null || !manager.getExecutionContext().containsKey(CountingManager.FOUND)) {
			throw new IllegalStateException("the counting step recorded no result; restart the job");
		}
		long expected = this.parameters.expected();
		long committed = manager.getExecutionContext().getLong(CountingManager.COMMITTED);
		if (committed != expected) {
			throw new IllegalStateException("the partitions committed %d readings, not %d".formatted(committed, expected));
		}
		CountResult result = new CountResult(this.parameters.counter(), this.parameters.sensors(),
				this.parameters.readings(), expected, manager.getExecutionContext().getLong(CountingManager.FOUND),
				Duration.between(manager.getStartTime(), manager.getEndTime()).toNanos() / 1e9);
		if (result.lost() != 0 && (this.parameters.counter().exact() || result.lost() < 0)) {
			throw new IllegalStateException("wrong count: " + result.description());
		}
		AtomicFiles.write(this.output, (writer) -> {
			writer.write(CountResult.HEADER);
			writer.newLine();
			writer.write(result.csvLine());
			writer.newLine();
		});
		JobOutputs.add(step.getJobExecution(), this.output);
		contribution.incrementWriteCount(1);
		logger.info("Sensors result: {}", result.description());
		contribution.setExitStatus(new ExitStatus((result.lost() > 0) ? LOST_UPDATES : ExitStatus.COMPLETED.getExitCode(),
				result.description()));
		return RepeatStatus.FINISHED;
	}

}
