package dev.fanout.launch;

import org.springframework.batch.core.configuration.support.MapJobRegistry;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;

/** Spring Batch's own operator on a repository, for launches without an application context. */
final class JobOperators {

	private JobOperators() {
	}

	/** Runs each job on the calling thread, as Fanout's launches do. */
	static TaskExecutorJobOperator on(JobRepository repository) throws Exception {
		TaskExecutorJobOperator operator = new TaskExecutorJobOperator();
		operator.setJobRepository(repository);
		operator.setJobRegistry(new MapJobRegistry());
		operator.afterPropertiesSet();
		return operator;
	}

}
