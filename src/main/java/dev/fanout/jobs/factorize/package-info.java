/**
 * The {@code factorize} job: the book's item 53 (threads for CPU-bound work) as a partitioned step.
 * <p>
 * <b>Shape.</b> The launch reads the input once and checks every number
 * ({@link dev.fanout.jobs.factorize.FactorizeJobDescription}); {@code factorizeManager} is a partitioned step whose
 * {@link dev.fanout.jobs.factorize.FactorizePartitioner} takes those numbers from the typed parameters and cuts them
 * with {@link dev.fanout.jobs.factorize.numbers.WorkPages} into pages of consecutive numbers, small next to a
 * worker's part of the work (estimated as n for the naive loop, √n for trial division), to be taken costliest first.
 * The pages go to the repository as unclaimed rows ({@link dev.fanout.jobs.factorize.FactorizeData}, in Fanout's
 * {@code FANOUT_PARTITION_DATA} table); the partition's execution context only holds its number. Each of the
 * {@code threads} workers ({@code factorizeWorker:partitionN}) is a tasklet step
 * ({@link dev.fanout.jobs.factorize.FactorizeShare}) that claims the next pages as it frees up (a guided share of the
 * work left: several pages at first, one at the end), as the threads of a plain loop take the next number from a
 * shared counter, and factorizes a transaction at a time, ending a transaction
 * by count, by time or by the size of its results, whichever comes first, and inserts its results in it, in rows of
 * bounded size; the workers run on an executor of {@code threads} platform threads, or on {@code fanout worker}
 * processes when the manager's workers are remote ({@code fanout.workers=remote}). {@code factorizeMerge} (the fan-in)
 * merges the partitions' results in input order into the CSV, atomically.
 * <p>
 * <b>Why claimed pages and not shares.</b> Shares of equal estimated work, fixed before the run, ended apart by what
 * the estimate missed and by whatever held one worker's core up, and the run waited for the last: 3-8% of a two-thread
 * run on the naive workload, and more with {@code fast}, whose cost depends on a number's factors, or with remote
 * workers of unequal speed. A claim is one update of a row that is still unclaimed, committed at once, so two
 * workers never take the same page, in one process or several.
 * <p>
 * <b>Why the repository and not files or memory.</b> A partition needs nothing but the database, wherever it runs:
 * a worker on another machine has its own data directory. Results inserted in the transaction that saves the
 * step's progress commit with it, so a restart, kill -9 included, neither loses nor repeats one. The pages stay out of
 * the execution context because Spring Batch saves a step's context with every commit: a large one there would make
 * each commit cost as much.
 * <p>
 * <b>Why commit by time.</b> A commit costs a millisecond or more on the repository; {@code fast} factorizes a
 * small number in microseconds, {@code naive} a large one in seconds. A count alone would make the first pay the
 * repository for every few numbers and the second commit (and see a stop) once a minute.
 * <p>
 * <b>Restart.</b> The partitioner saves the plan (partitions, total) in the manager's context before any worker starts,
 * so a restart, even after {@code kill -9}, reuses the saved partitions without reading the input again (it may have
 * changed, or be gone: the restart's launch does not read it either). Completed partitions are skipped; the others
 * go on with the pages they hold, as their last commit left them (it deleted the pages it finished and rewrote the
 * one it finished part of), then claim what is left. The rows are deleted once the instance
 * completes.
 * <p>
 * <b>Thread safety.</b> Every worker's tasklet is step-scoped: one instance per partition, confined to its thread.
 * {@link dev.fanout.jobs.factorize.numbers.Factorizer} is stateless. Nothing mutable is shared between workers in
 * memory; the pages they share are rows, and the database's row locks guard their claims.
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and Spring Batch parts (the
 * partitioner, the worker tasklet, the merge tasklet, the rows' format); the numbers themselves (divisors, input
 * parsing, pages) are Spring-free in {@code dev.fanout.jobs.factorize.numbers}.
 */
package dev.fanout.jobs.factorize;
