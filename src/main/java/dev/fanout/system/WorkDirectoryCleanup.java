package dev.fanout.system;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

/**
 * Deletes a job instance's intermediate files once it has completed. A failed or stopped instance keeps them: its
 * restart reuses the work of the partitions that finished.
 */
public class WorkDirectoryCleanup implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(WorkDirectoryCleanup.class);

	private final FanoutProperties properties;

	public WorkDirectoryCleanup(FanoutProperties properties) {
		this.properties = properties;
	}

	@Override
	public void afterJob(JobExecution execution) {
		if (execution.getStatus() != BatchStatus.COMPLETED) {
			return;
		}
		Path directory = this.properties.workDirectory(execution.getJobInstance().getJobName(),
				execution.getJobInstance().getInstanceId());
		if (!Files.exists(directory)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(directory)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
		catch (IOException ex) {
			// The output is complete; leftover work files only take space.
			logger.warn("Could not delete work directory {}: {}", directory, ex.getMessage());
		}
	}

}
