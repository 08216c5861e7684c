package dev.fanout.remote;

import java.util.function.Supplier;

import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.util.function.SingletonSupplier;

import dev.fanout.batch.RepositoryWrites;

/**
 * The job repository as a worker's steps write through it: each write of a partition the worker runs (its step
 * execution or its context, a {@link WorkerStepExecution}) first checks, in the same transaction, that the worker still
 * holds the partition's claim ({@link Workers#holds}), and fails with {@link PartitionTakenOverException} if not, so the
 * transaction rolls back with everything it wrote (factorize's results, life's band, sensors' count). Later writes of
 * that partition (the step recording its end) are skipped: a claim once lost never comes back, and Spring Batch would
 * log each failed one as a repository left in an unknown state.
 * <p>
 * Why: a worker paused beyond {@code fanout.remote.worker-timeout} (a long garbage collection, a suspended machine) is
 * taken for dead, and the manager hands its partition on or ends it; once the old worker wakes up, its writes must not
 * land over its successor's. The step execution's version does not fence them on its own: sensors save a partition's
 * context in a transaction of its own before the versioned step row, and while the job is stopping Spring Batch gives a
 * step update the current version. The check locks the claim's row, and the manager takes a claim back before it writes
 * the partition, so the two are ordered either way: a write that checked first commits before the manager takes the
 * claim, and one that checks after fails.
 */
final class ClaimFence extends RepositoryWrites {

	private final Supplier<Workers> workers;

	private ClaimFence(JobRepository repository, Supplier<Workers> workers,
			Supplier<TransactionOperations> transactions) {
		super(repository, transactions);
		this.workers = SingletonSupplier.of(workers);
	}

	/**
	 * {@code repository} with its writes of worker partitions fenced by their claims; its collaborators looked up on
	 * first use.
	 */
	static JobRepository around(JobRepository repository, Supplier<Workers> workers,
			Supplier<TransactionOperations> transactions) {
		return RepositoryWrites.around(repository, new ClaimFence(repository, workers, transactions));
	}

	@Override
	protected boolean beforeWrite(Object written) {
		if (!(written instanceof WorkerStepExecution partition)) {
			return true;
		}
		if (partition.isTakenOver()) {
			return false; // the manager's to write now, and the claim never comes back: nothing to report
		}
		if (!this.workers.get().holds(partition.claim())) {
			partition.takenOver();
			throw new PartitionTakenOverException(partition);
		}
		return true;
	}

	/**
	 * A write of a partition whose worker no longer holds its claim: the manager handed it on or ended it, or a
	 * recovery of its execution took it back.
	 */
	static final class PartitionTakenOverException extends OptimisticLockingFailureException {

		PartitionTakenOverException(WorkerStepExecution partition) {
			super(("partition %s (step execution %d) is no longer this worker's: the manager took it back, as this "
					+ "worker's heartbeat or claim was older than fanout.remote.worker-timeout, or a recovery of its "
					+ "execution did; what this worker had not committed of it is rolled back")
				.formatted(partition.getStepName(), partition.getId()));
		}

	}

}
