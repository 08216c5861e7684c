package dev.fanout.metrics;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.ItemWriteListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.scope.context.StepSynchronizationManager;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.Chunk;

import dev.fanout.batch.PartitionSteps;

/**
 * Feeds {@link JobMeters} from one step: its partitions as they start and end, and, on a chunk step, the items of
 * each chunk as they are written. Tagged with the step's name, not the partition's, so that the number of series stays
 * that of the steps.
 */
final class StepMetricsListener implements StepExecutionListener, ItemWriteListener<Object> {

	private final String stepName;

	private final JobMeters meters;

	StepMetricsListener(String stepName, JobMeters meters) {
		this.stepName = stepName;
		this.meters = meters;
	}

	@Override
	public void beforeStep(StepExecution execution) {
		if (PartitionSteps.isPartition(execution.getStepName())) {
			this.meters.partitionStarted(jobName(execution), execution.getId());
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution execution) {
		this.meters.partitionEnded(jobName(execution), execution.getId());
		return null;
	}

	@Override
	public void afterWrite(Chunk<?> items) {
		// The writer runs on the step's thread, which holds the step's context.
		StepContext context = StepSynchronizationManager.getContext();
		String job = (context != null) ? context.getJobName() : "unknown";
		this.meters.itemsWritten(job, this.stepName, items.size());
	}

	private static String jobName(StepExecution execution) {
		return execution.getJobExecution().getJobInstance().getJobName();
	}

}
