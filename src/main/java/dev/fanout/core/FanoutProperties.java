package dev.fanout.core;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings shared by every job.
 *
 * @param dataDir the directory that holds the job repository, the sample inputs and all outputs (absolute)
 */
@ConfigurationProperties("fanout")
public record FanoutProperties(Path dataDir) {

	/** Final outputs of a job: {@code <data-dir>/out/<job>}. */
	public Path outputDirectory(String jobName) {
		return this.dataDir.resolve("out").resolve(jobName);
	}

	/** Intermediate files of one job instance, removed when it completes: {@code <data-dir>/work/<job>/<instance>}. */
	public Path workDirectory(String jobName, long instanceId) {
		return this.dataDir.resolve("work").resolve(jobName).resolve("instance-" + instanceId);
	}

}
