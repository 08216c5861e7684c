package dev.fanout.recovery;

/**
 * The claims that {@code fanout worker} processes hold on the partitions of an execution. Recovery takes them back
 * before it fails an orphaned execution's steps: a worker that still runs one (its manager died, the worker did not)
 * then writes nothing more of it, as after a manager's hand-on. Without that, only the step row's version stopped the
 * worker, and a chunk step whose context is saved in a transaction of its own (sensors) committed that context past
 * its step row: the restart resumed after readings that the step counts never showed. Implemented by the remote
 * package's {@code Workers}, in every process: {@code recover} runs with or without remote workers.
 */
public interface PartitionClaims {

	/**
	 * Takes back every claim that a worker holds (or that waits, handed on, for another worker) on a partition of this
	 * job execution; waits for a worker's write under way, which holds its claim, to commit first.
	 * @return how many claims it took back
	 */
	int takeBackForRecovery(long jobExecutionId);

}
