package dev.fanout.remote;

import java.util.function.BooleanSupplier;

import org.springframework.batch.core.step.StepExecution;

/**
 * The step execution a worker runs a partition with: a copy of the one the repository loaded, with the worker's
 * {@linkplain #claim() claim} on it, which fences its writes ({@link ClaimFence}), and whose
 * {@link #isTerminateOnly()} also answers whether the worker is stopping.
 * <p>
 * Why: {@code StepExecution.terminateOnly} is a plain field, and Spring Batch has nothing for a stop from another thread
 * of the same process but writing it ({@code StoppableStep.stop}); its cross-process stop goes through the repository,
 * which a worker's stop must not touch (the job is not stopping, only this worker). The step reads
 * {@code isTerminateOnly()} on its own thread at each chunk boundary (as does Fanout's {@code StopRequests} between long
 * units of work), so a stop reaches it through the worker's volatile flag that this reads, and the stopping thread
 * writes nothing of the partition's: the copy and its fields stay confined to the partition's thread.
 */
final class WorkerStepExecution extends StepExecution {

	/** The worker's claim on the partition; immutable. */
	private final transient Workers.Claim claim;

	/**
	 * Whether the worker found its claim taken over ({@link ClaimFence}); confined to the partition's thread, which
	 * makes all of its writes.
	 */
	private transient boolean takenOver;

	/** The worker's own stop, read on the partition's thread; its answer is volatile. */
	private final transient BooleanSupplier workerStopping;

	/** Copies every field of {@code loaded}, as Spring Batch's own copies of a step execution do. */
	WorkerStepExecution(StepExecution loaded, Workers.Claim claim, BooleanSupplier workerStopping) {
		super(loaded.getId(), loaded.getStepName(), loaded.getJobExecution());
		this.claim = claim;
		this.workerStopping = workerStopping;
		setVersion(loaded.getVersion());
		setStatus(loaded.getStatus());
		setExitStatus(loaded.getExitStatus());
		setExecutionContext(loaded.getExecutionContext());
		setReadCount(loaded.getReadCount());
		setWriteCount(loaded.getWriteCount());
		setCommitCount(loaded.getCommitCount());
		setRollbackCount(loaded.getRollbackCount());
		setReadSkipCount(loaded.getReadSkipCount());
		setProcessSkipCount(loaded.getProcessSkipCount());
		setWriteSkipCount(loaded.getWriteSkipCount());
		setFilterCount(loaded.getFilterCount());
		setCreateTime(loaded.getCreateTime());
		if (loaded.getStartTime() != null) {
			setStartTime(loaded.getStartTime());
		}
		if (loaded.getEndTime() != null) {
			setEndTime(loaded.getEndTime());
		}
		if (loaded.getLastUpdated() != null) {
			setLastUpdated(loaded.getLastUpdated());
		}
		loaded.getFailureExceptions().forEach(this::addFailureException);
		if (loaded.isTerminateOnly()) {
			setTerminateOnly();
		}
	}

	/** The claim under which the worker runs the partition. */
	Workers.Claim claim() {
		return this.claim;
	}

	/** Whether the manager took the partition back from this worker: nothing more of it is this worker's to write. */
	boolean isTakenOver() {
		return this.takenOver;
	}

	void takenOver() {
		this.takenOver = true;
	}

	@Override
	public boolean isTerminateOnly() {
		return super.isTerminateOnly() || this.workerStopping.getAsBoolean();
	}

}
