/**
 * The {@code sensors} job: the book's light-sensor network (item 54, with item 53's blocking reads). Every sensor has
 * its own worker thread that takes readings and counts them; the job reports expected and found.
 * <p>
 * <b>Shape.</b> {@code sensorsManager} is a partitioned step with one partition per sensor
 * ({@code sensorsWorker:sensorN}), run concurrently on one platform thread per sensor, so the blocking reads
 * ({@code readLatency}) overlap: 5 sensors take one latency per round of readings, not five. Each worker is a chunk
 * step: {@link dev.fanout.jobs.sensors.SensorReader} takes the readings, {@link dev.fanout.jobs.sensors.CountingWriter}
 * counts them, in chunks sized for the read latency so that slow reads commit about every second
 * ({@link dev.fanout.jobs.sensors.SensorsWorkerStep}). {@code sensorsResult} checks the count and writes the result
 * file.
 * <p>
 * <b>Counters.</b> {@code partitioned}: each partition counts its own readings in its step execution context and the
 * manager sums them from the repository; nothing is shared, so its partitions go to {@code fanout worker} processes
 * when the manager's workers are remote ({@code fanout.workers=remote}). {@code locked}, {@code atomic}, {@code adder}:
 * one counter object in the manager's JVM ({@link dev.fanout.jobs.sensors.counting.SharedCounters}, by job execution
 * id) that every worker increments once per reading; a worker in another JVM would not find it, so remote launches with
 * these counters are refused ({@link dev.fanout.jobs.sensors.SensorsJobDescription#checkRemote}). {@code unsafe}: the
 * same, unguarded, to show lost updates; the job then ends with exit code {@code LOST_UPDATES}.
 * <p>
 * <b>Exactly once per committed reading.</b> Each partition also keeps its own count ({@code sensors.counted}) in its
 * execution context, saved at every chunk boundary in the same context save as the reader's position, so the
 * repository always holds a matching pair: readings taken, readings counted. The shared counter receives a chunk's
 * increments only after that chunk has committed (a transaction synchronization's {@code afterCompletion}): a chunk
 * that rolls back never touched it, and the partition then fails (the step is not fault-tolerant), so no rolled-back
 * reading is redone in the same execution. A JVM that dies between a commit and the increments takes its counter
 * with it. The price: a sensor's increments come in a burst after each commit rather than one after each read, so
 * threads contend only where bursts overlap; the unsafe counter still loses updates (measured, 5 sensors x 100,000:
 * 36 to 2,155 in each of 5 fresh JVMs, 0 to 4,241 in about half of the runs of a warm one).
 * <p>
 * <b>Restart.</b> The shared counter lives only as long as one execution's manager step: opened before any worker
 * starts, closed when they have all ended. On a restart the manager opens a new one seeded with the counts every
 * partition has committed, completed or not ({@code getLastStepExecution} of each); completed partitions are skipped,
 * the others resume after their last committed chunk with their saved count. So the total is rebuilt exactly, after
 * a failure, a stop or {@code kill -9} ({@code recover} first). When the manager completes, it records found and the
 * committed total in its own context: a restart that only redoes {@code sensorsResult} reports the same numbers,
 * including an unsafe run's losses.
 * <p>
 * <b>Why the chunk transaction is resourceless.</b> A chunk spends chunk-size blocking reads inside its transaction;
 * with the JDBC transaction manager each sensor held a pooled connection through them, and with more sensors than the
 * pool's 10 connections the others waited and failed after 30 s (measured: 16 sensors, 100 ms reads). A chunk has
 * nothing of its own to commit: the repository saves the context, then the counts, each in its own transaction. A
 * crash between the two leaves the context (position and count together) ahead of the step's read/write counts, and
 * restarts use the context.
 * <p>
 * <b>Thread safety.</b> Readers and writers are step-scoped: one per partition, confined to its thread. The shared
 * counter is published to the workers by the executor that starts them, and read by the manager after it has joined
 * them; each implementation says what guards it, and {@link dev.fanout.jobs.sensors.counting.UnsafeCounter} says that
 * nothing does.
 * <p>
 * <b>Layout.</b> This package holds the job's configuration, parameters, description and Spring Batch parts (reader,
 * writer, partitioner, manager listener, result tasklet); the sensors and counters are Spring-free in
 * {@code dev.fanout.jobs.sensors.counting}.
 */
package dev.fanout.jobs.sensors;
