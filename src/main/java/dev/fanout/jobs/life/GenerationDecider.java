package dev.fanout.jobs.life;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.flow.FlowExecutionStatus;
import org.springframework.batch.core.job.flow.JobExecutionDecider;
import org.springframework.batch.core.step.StepExecution;

/** Loops the partitioned generation step until the latest checkpoint reaches the generations asked for. */
class GenerationDecider implements JobExecutionDecider {

	static final FlowExecutionStatus MORE = new FlowExecutionStatus("MORE");

	static final FlowExecutionStatus DONE = new FlowExecutionStatus("DONE");

	private final LifeFiles files;

	GenerationDecider(LifeFiles files) {
		this.files = files;
	}

	@Override
	public FlowExecutionStatus decide(JobExecution jobExecution, @Nullable StepExecution stepExecution) {
		LifeParameters parameters = this.files.parameters(jobExecution);
		return (this.files.checkpoints(jobExecution).latest() < parameters.generations()) ? MORE : DONE;
	}

}
