package dev.fanout.history;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.PartitionSteps;

/**
 * One step or partition of an execution, as {@code show} prints it.
 *
 * @param partition whether this is a worker partition of a partitioned step ({@code worker:partitionN})
 * @param worker the {@code fanout worker} process that ran this partition; {@code null} for a step, or a partition
 * that ran in the manager's JVM
 */
public record StepSummary(long id, String name, boolean partition, String status, long readCount, long writeCount,
		long filterCount, long skipCount, long commitCount, long rollbackCount, @Nullable LocalDateTime startTime,
		@Nullable LocalDateTime endTime, long durationMillis, String exitCode, String exitDescription,
		@Nullable WorkerProcess worker) {

	/** A worker process: its host and process id. */
	public record WorkerProcess(String host, long pid) {

	}

	/**
	 * @param orphaned whether its execution is orphaned: a step left running then ran until its last update (a
	 * partition that never started, waiting for a worker when its manager died, has neither: it took no time)
	 */
	static StepSummary of(StepExecution step, @Nullable WorkerProcess worker, boolean orphaned) {
		LocalDateTime end = (step.getEndTime() == null && orphaned)
				? ((step.getLastUpdated() != null) ? step.getLastUpdated() : step.getStartTime()) : step.getEndTime();
		return new StepSummary(step.getId(), step.getStepName(), PartitionSteps.isPartition(step.getStepName()),
				step.getStatus().toString(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
				step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(), step.getStartTime(),
				step.getEndTime(), Durations.millis(step.getStartTime(), end), step.getExitStatus().getExitCode(),
				step.getExitStatus().getExitDescription(), worker);
	}

}
