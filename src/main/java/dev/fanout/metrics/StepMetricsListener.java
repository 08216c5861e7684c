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
 * Feeds {@link JobMeters} from one step: its partitions as they start and end, and the items written: on a chunk step
 * those of each chunk as they are written, on a tasklet step (factorize's workers) its write count when it ends.
 * Tagged with the step's name, not the partition's, so that the number of series stays that of the steps.
 */
final class StepMetricsListener implements StepExecutionListener, ItemWriteListener<Object> {

	private final String stepName;

	private final JobMeters meters;

	/** Whether the step counts its own items ({@link #afterWrite}); a tasklet step's are counted when it ends. */
	private final boolean chunks;

	StepMetricsListener(String stepName, JobMeters meters, boolean chunks) {
		this.stepName = stepName;
		this.meters = meters;
		this.chunks = chunks;
	}

	@Override
	public void beforeStep(StepExecution execution) {
		if (PartitionSteps.isPartition(execution.getStepName())) {
			this.meters.partitionStarted(jobName(execution), execution.getId());
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution execution) {
		if (!this.chunks && execution.getWriteCount() > 0) {
			this.meters.itemsWritten(jobName(execution), this.stepName, execution.getWriteCount());
		}
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
