/**
 * The toolkit that jobs are built with, and the plug-in point through which the platform finds them. A job is a
 * Spring Batch {@code Job} bean plus a {@link dev.fanout.batch.JobDescription} bean (its parameters, defaults, and their
 * parse into the job's typed parameters, once per launch); its steps read the typed value of their execution from
 * {@link dev.fanout.batch.ExecutionParameters}; its benchmark is a {@link dev.fanout.batch.JobBenchmark} bean. The platform discovers both as beans
 * and never names a job. The toolkit: partition steps and a splitter that keeps a restart's partitions
 * ({@link dev.fanout.batch.RestartSafeSplitter}), worker executors, clean-up of a job's work directory, an instance's
 * files by their names ({@link dev.fanout.batch.InstanceFiles}), the outputs a job declares, readable exit
 * descriptions, and the one progress model of the CLI and the dashboard ({@link dev.fanout.batch.Progress}, counted
 * in what each job declares as its {@link dev.fanout.batch.ProgressMeasure}).
 * <p>
 * Jobs depend only on this package and {@code core}; the interfaces here that the platform implements
 * ({@link dev.fanout.batch.BenchmarkLauncher}, {@link dev.fanout.batch.OrphanedExecutions},
 * {@link dev.fanout.batch.NestedExecutions}) keep it that way.
 */
package dev.fanout.batch;
