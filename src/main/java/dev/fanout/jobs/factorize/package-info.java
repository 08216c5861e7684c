/**
 * The {@code factorize} job: the book's item 53 (threads for CPU-bound work) as a partitioned step.
 * <p>
 * <b>Shape.</b> The launch reads the input once and checks every number
 * ({@link dev.fanout.jobs.factorize.FactorizeJobDescription}); {@code factorizeManager} is a partitioned step whose {@link dev.fanout.jobs.factorize.FactorizePartitioner} takes
 * those numbers from the typed parameters and splits them with {@link dev.fanout.jobs.factorize.numbers.WorkShares} into {@code threads} shares of about
 * equal estimated work (n for the naive loop, √n for trial division), largest first, each to the lightest share. The
 * shares go to the repository as rows ({@link dev.fanout.jobs.factorize.FactorizeData}, in Fanout's
 * {@code FANOUT_PARTITION_DATA} table); the partition's execution context only holds its share's number. Each worker
 * ({@code factorizeWorker:partitionN}) is a tasklet step ({@link dev.fanout.jobs.factorize.FactorizeShare}) that
 * factorizes its share a transaction at a time, ending a transaction by count, by time or by the size of its results,
 * whichever comes first, and inserts its results in it, in rows of bounded size; the workers run on an executor of {@code threads} platform threads, or on
 * {@code fanout worker} processes when the manager's workers are remote ({@code fanout.workers=remote}).
 * {@code factorizeMerge} (the fan-in) merges the shares' results in input order into the CSV, atomically.
 * <p>
 * <b>Why the repository and not files or memory.</b> A partition needs nothing but the database, wherever it runs:
 * a worker on another machine has its own data directory. Results inserted in the transaction that saves the
 * step's progress commit with it, so a restart, kill -9 included, neither loses nor repeats one. Shares stay out of
 * the execution context because Spring Batch saves a step's context with every commit: a large share there would
 * make each commit cost O(share).
 * <p>
 * <b>Why commit by time.</b> A commit costs a millisecond or more on the repository; {@code fast} factorizes a
 * small number in microseconds, {@code naive} a large one in seconds. A count alone would make the first pay the
 * repository for every few numbers and the second commit (and see a stop) once a minute.
 * <p>
 * <b>Restart.</b> The partitioner saves the plan (shares, total) in the manager's context before any worker starts,
 * so a restart, even after {@code kill -9}, reuses the saved partitions without reading the input again (it may have
 * changed, or be gone: the restart's launch does not read it either). Completed partitions are skipped; the others
 * resume after their last commit, whose position the tasklet saved with it. The rows are deleted once the instance
 * completes.
 * <p>
 * <b>Thread safety.</b> Every worker's tasklet is step-scoped: one instance per partition, confined to its thread.
 * {@link dev.fanout.jobs.factorize.numbers.Factorizer} is stateless. Nothing mutable is shared between workers.
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and Spring Batch parts (the
 * partitioner, the worker tasklet, the merge tasklet, the rows' format); the numbers themselves (divisors, input
 * parsing, shares) are Spring-free in {@code dev.fanout.jobs.factorize.numbers}.
 */
package dev.fanout.jobs.factorize;
