/**
 * The measurement toolkit every {@link dev.fanout.batch.JobBenchmark} uses, so that the benches measure the same way:
 * {@link dev.fanout.batch.bench.Runs} warms each contender up and then repeats them in turn (job and reference
 * alternate, so a disturbance of the shared machine hits both), a {@link dev.fanout.batch.bench.Measurement} keeps
 * every run's wall and CPU time and reports the best and the median, a {@link dev.fanout.batch.bench.Ratio} says
 * "met" or "missed" against its {@link dev.fanout.batch.bench.Target}, {@link dev.fanout.batch.bench.Machine} names
 * the machine and JIT, and {@link dev.fanout.batch.bench.BenchRun} prints all of it and returns a
 * {@link dev.fanout.batch.bench.BenchResult}, which {@link dev.fanout.batch.bench.BenchReport} writes as text and
 * JSON for comparison between releases. A process a bench starts is a {@link dev.fanout.batch.bench.ChildProcess},
 * which ends it and its descendants on every way out, so that none outlives the bench; the outputs of earlier runs
 * are {@link dev.fanout.batch.bench.SetAsideOutputs}, deleted when the bench ends rather than while a run is timed.
 * Timing lives here and in the benches, never in test assertions.
 */
package dev.fanout.batch.bench;
