package dev.fanout.batch;

import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Where a job's partitions run: in this JVM on {@link WorkerExecutors} threads, or on {@code fanout worker} processes
 * when the process's workers are remote (a {@link RemotePartitions} bean exists). A job uses it only if its
 * partitions' input and output travel through the repository ({@link JobDescription#runsOnWorkers()}); the others
 * keep calling {@link WorkerExecutors#partitionHandler} and run in the manager.
 */
@Component
public class PartitionHandlers {

	private final ObjectProvider<RemotePartitions> remote;

	public PartitionHandlers(ObjectProvider<RemotePartitions> remote) {
		this.remote = remote;
	}

	/**
	 * A handler for the partitions of {@code workerStep}: up to {@code workers} at once in this JVM, or as many as the
	 * remote workers have slots for. Declare it step-scoped, as {@link WorkerExecutors#partitionHandler}.
	 */
	public PartitionHandler handler(Step workerStep, String prefix, int workers) {
		RemotePartitions remotePartitions = this.remote.getIfAvailable();
		return (remotePartitions != null) ? remotePartitions.handler(workerStep, workers)
				: WorkerExecutors.partitionHandler(workerStep, prefix, workers);
	}

	/** Whether partitions go to remote workers in this process. */
	public boolean remote() {
		return this.remote.getIfAvailable() != null;
	}

}
