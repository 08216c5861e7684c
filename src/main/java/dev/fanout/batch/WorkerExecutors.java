package dev.fanout.batch;

import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * Task executors for the workers of partitioned and multi-threaded steps. Each run gets its own executor sized by the
 * job's parameters, so concurrent jobs never compete for one shared pool.
 */
public final class WorkerExecutors {

	private WorkerExecutors() {
	}

	/**
	 * An executor that runs at most {@code threads} tasks at once on platform threads named {@code prefix-N}; further
	 * tasks wait for a free slot. Platform threads suit CPU-bound work.
	 */
	public static SimpleAsyncTaskExecutor platform(String prefix, int threads) {
		SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor(prefix + "-");
		executor.setConcurrencyLimit(threads);
		return executor;
	}

	/**
	 * A partition handler that runs up to {@code workers} partitions of {@code workerStep} at once, in this JVM, on
	 * {@link #platform} threads. Declare it step-scoped so that a job parameter can size it for each run.
	 */
	public static TaskExecutorPartitionHandler partitionHandler(Step workerStep, String prefix, int workers) {
		TaskExecutorPartitionHandler handler = new TaskExecutorPartitionHandler();
		handler.setStep(workerStep);
		handler.setGridSize(workers);
		handler.setTaskExecutor(platform(prefix, workers));
		return handler;
	}

}
