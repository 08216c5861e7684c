/**
 * The {@code factorize} job: the book's item 53 (threads for CPU-bound work) as a partitioned step.
 * <p>
 * <b>Shape.</b> The launch reads the input once and checks every number
 * ({@link dev.fanout.jobs.factorize.FactorizeJobDescription}); {@code factorizeManager} is a partitioned step whose {@link dev.fanout.jobs.factorize.FactorizePartitioner} takes
 * those numbers from the typed parameters and splits them with {@link dev.fanout.jobs.factorize.numbers.WorkShares} into {@code threads} shares of about
 * equal estimated work (n for the naive loop, √n for trial division), largest first, each to the lightest share. The
 * shares go to the repository as rows ({@link dev.fanout.jobs.factorize.FactorizeData}, in Fanout's
 * {@code FANOUT_PARTITION_DATA} table); the partition's execution context only holds its share's number. The workers
 * ({@code factorizeWorker:partitionN}) are chunk steps that read their share a page at a time and insert their
 * results in each chunk's transaction; they run on an executor of {@code threads} platform threads, or on
 * {@code fanout worker} processes when the manager's workers are remote ({@code fanout.workers=remote}).
 * {@code factorizeMerge} (the fan-in) streams the results in input order into the CSV, atomically.
 * <p>
 * <b>Why the repository and not files or memory.</b> A partition needs nothing but the database, wherever it runs:
 * a worker on another machine has its own data directory. Results written in the chunk's transaction commit with the
 * step's progress, so a restart, kill -9 included, neither loses nor repeats one. Shares stay out of the execution
 * context because Spring Batch saves a step's context with every chunk: a large share there would make each commit
 * cost O(share).
 * <p>
 * <b>Restart.</b> The partitioner saves the plan (shares, total) in the manager's context before any worker starts,
 * so a restart, even after {@code kill -9}, reuses the saved partitions without reading the input again (it may have
 * changed, or be gone: the restart's launch does not read it either). Completed partitions are skipped; the others
 * resume after their last committed chunk, whose position the reader saved with it. The rows are deleted once the
 * instance completes.
 * <p>
 * <b>Thread safety.</b> Every reader, writer and processor is step-scoped: one instance per partition, confined to
 * its thread. {@link dev.fanout.jobs.factorize.numbers.Factorizer} is stateless. Nothing mutable is shared between
 * workers.
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and Spring Batch parts (the
 * partitioner, the processor, the merge tasklet, the rows' format); the numbers themselves (divisors, input parsing,
 * shares) are Spring-free in {@code dev.fanout.jobs.factorize.numbers}.
 */
package dev.fanout.jobs.factorize;
