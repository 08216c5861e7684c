package dev.fanout.life;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.system.FanoutProperties;

/** Where an execution's files are, and its parameters, for the beans that are not step-scoped. */
record LifeFiles(FanoutProperties fanout) {

	static final String JOB = "life";

	Checkpoints checkpoints(JobExecution execution) {
		long instance = execution.getJobInstance().getInstanceId();
		return new Checkpoints(this.fanout.outputDirectory(JOB).resolve("instance-" + instance),
				this.fanout.workDirectory(JOB, instance));
	}

	LifeParameters parameters(JobExecution execution) {
		return LifeParameters.from(execution.getJobParameters(), this.fanout.dataDir());
	}

}
