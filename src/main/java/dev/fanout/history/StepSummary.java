package dev.fanout.history;

import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.PartitionSteps;

/**
 * One step or partition of an execution, as {@code show} prints it.
 *
 * @param partition whether this is a worker partition of a partitioned step ({@code worker:partitionN})
 */
public record StepSummary(long id, String name, boolean partition, String status, long readCount, long writeCount,
		long filterCount, long skipCount, long commitCount, long rollbackCount, @Nullable LocalDateTime startTime,
		@Nullable LocalDateTime endTime, long durationMillis, String exitCode, String exitDescription) {

	static StepSummary of(StepExecution step) {
		return new StepSummary(step.getId(), step.getStepName(), PartitionSteps.isPartition(step.getStepName()),
				step.getStatus().toString(), step.getReadCount(), step.getWriteCount(), step.getFilterCount(),
				step.getSkipCount(), step.getCommitCount(), step.getRollbackCount(), step.getStartTime(),
				step.getEndTime(), Durations.millis(step.getStartTime(), step.getEndTime()),
				step.getExitStatus().getExitCode(), step.getExitStatus().getExitDescription());
	}

}
