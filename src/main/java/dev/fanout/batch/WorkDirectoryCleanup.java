package dev.fanout.batch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;

import dev.fanout.core.DataPaths;
import dev.fanout.core.FanoutProperties;

/**
 * Guards and tidies a job instance's files. Before each execution it refuses output and work directories that lead
 * out of the data directory through a link, and deletes the hidden temporary files ({@code .name...tmp}, see
 * {@link AtomicFiles}) that an execution killed while writing left among the instance's outputs
 * ({@code out/<job>/instance-<id>.*} or {@code out/<job>/instance-<id>/}): an instance runs one execution at a time, so
 * none of them is still being written. Once the instance has completed, it deletes the instance's intermediate files;
 * a failed or stopped instance keeps them: its restart reuses the work of the partitions that finished.
 */
public class WorkDirectoryCleanup implements JobExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(WorkDirectoryCleanup.class);

	private final FanoutProperties properties;

	private final List<String> outputNames;

	/**
	 * @param otherOutputs names of output directories besides the job's own ({@code out/<name>/instance-<id>/}) where
	 * the job writes, e.g. {@code gallery} for images
	 */
	public WorkDirectoryCleanup(FanoutProperties properties, String... otherOutputs) {
		this.properties = properties;
		this.outputNames = List.of(otherOutputs);
	}

	@Override
	public void beforeJob(JobExecution execution) {
		String instance = "instance-" + execution.getJobInstance().getInstanceId();
		Path outputs = this.properties.outputDirectory(execution.getJobInstance().getJobName());
		requireInside(execution, outputs.resolve(instance));
		deleteTemporaries(outputs, "." + instance + ".");
		deleteTemporaries(outputs.resolve(instance), ".");
		for (String name : this.outputNames) {
			deleteTemporaries(this.properties.outputDirectory(name).resolve(instance), ".");
		}
	}

	/**
	 * Fails the execution before it writes anything when one of the instance's output or work directories (or a
	 * directory above them) is a link leading out of the data directory: {@code out/<job>/instance-<id>},
	 * {@code out/<other>/instance-<id>}, {@code work/<job>/instance-<id>}. Jobs check again where they write.
	 */
	private void requireInside(JobExecution execution, Path ownOutput) {
		Path dataDir = this.properties.dataDir();
		DataPaths.requireInside(dataDir, ownOutput);
		for (String name : this.outputNames) {
			DataPaths.requireInside(dataDir, this.properties.outputDirectory(name).resolve(ownOutput.getFileName()));
		}
		DataPaths.requireInside(dataDir, this.properties.workDirectory(execution.getJobInstance().getJobName(),
				execution.getJobInstance().getInstanceId()));
	}

	private static void deleteTemporaries(Path directory, String prefix) {
		if (!Files.isDirectory(directory)) {
			return;
		}
		try (Stream<Path> files = Files.list(directory)) {
			for (Path file : files.filter((f) -> isTemporary(f, prefix)).toList()) {
				logger.info("Deleting {}, left by an execution that was killed while writing it", file);
				Files.deleteIfExists(file);
			}
		}
		catch (IOException ex) {
			logger.warn("Could not delete temporary files in {}: {}", directory, ex.getMessage());
		}
	}

	private static boolean isTemporary(Path file, String prefix) {
		String name = file.getFileName().toString();
		return name.startsWith(prefix) && name.endsWith(".tmp") && Files.isRegularFile(file);
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
		try {
			InstanceFiles.delete(directory);
		}
		catch (IOException ex) {
			// The output is complete; leftover work files only take space.
			logger.warn("Could not delete work directory {}: {}", directory, ex.getMessage());
		}
	}

}
