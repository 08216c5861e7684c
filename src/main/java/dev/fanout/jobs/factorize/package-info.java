/**
 * The {@code factorize} job: the book's item 53 (threads for CPU-bound work) as a partitioned step.
 * <p>
 * <b>Shape.</b> {@code factorizeManager} is a partitioned step. Its {@link dev.fanout.jobs.factorize.FactorizePartitioner}
 * reads the input once and splits it with {@link dev.fanout.jobs.factorize.WorkShares} into {@code threads} shares of about
 * equal estimated work (n for the naive loop, √n for trial division), largest first, each to the lightest share. Each
 * share goes to a file in the instance's work directory; the partition's execution context only names it. The workers
 * ({@code factorizeWorker:partitionN}) are chunk steps, run concurrently on an executor of {@code threads} platform
 * threads, that read their share and write a result file. {@code factorizeMerge} (the fan-in) merges the result
 * files in input order into the CSV, atomically.
 * <p>
 * <b>Why files and not memory.</b> Workers share nothing but the data directory and the repository. That is not yet
 * enough for workers in other JVMs: a {@code fanout worker} on another machine has its own data directory and would
 * not find the shares, so factorize does not send its partitions to remote workers (it runs in the manager, also
 * with {@code fanout.workers=remote}) until shares and results move into the repository. Shares stay out of the
 * execution context because Spring Batch saves a step's context with every chunk: a large share there would make
 * each commit cost O(share).
 * <p>
 * <b>Restart.</b> The partitioner saves the plan (shares, total) in the manager's context before any worker starts,
 * so a restart, even after {@code kill -9}, reuses the saved partitions without reading the input again (it may have
 * changed). Completed partitions are skipped; the others resume after their last committed chunk: the reader skips
 * the committed lines, and the writer truncates its file to the committed position.
 * <p>
 * <b>Thread safety.</b> Every reader, writer and processor is step-scoped: one instance per partition, confined to
 * its thread. {@link dev.fanout.jobs.factorize.Factorizer} is stateless. Nothing mutable is shared between workers.
 */
package dev.fanout.jobs.factorize;
