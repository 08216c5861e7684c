package dev.fanout.jobs.life;

import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.core.DataPaths;
import dev.fanout.core.FanoutProperties;

/** Where an execution's files are, and its typed parameters, for the beans that are not step-scoped. */
record LifeFiles(FanoutProperties fanout, ExecutionParameters executionParameters) {

	static final String JOB = "life";

	/**
	 * The instance's files. Each step and each generation's decision asks again, so an output or work directory that
	 * became a link out of the data directory during the run fails the job instead of being written through.
	 */
	Checkpoints checkpoints(JobExecution execution) {
		long instance = execution.getJobInstance().getInstanceId();
		Path dataDir = this.fanout.dataDir();
		return new Checkpoints(DataPaths.requireInside(dataDir, this.fanout.outputDirectory(JOB).resolve("instance-" + instance)),
				DataPaths.requireInside(dataDir, this.fanout.workDirectory(JOB, instance)));
	}

	LifeParameters parameters(JobExecution execution) {
		return this.executionParameters.of(execution, LifeParameters.class);
	}

}
