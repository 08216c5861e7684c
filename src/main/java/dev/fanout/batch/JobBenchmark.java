package dev.fanout.batch;

import java.util.concurrent.Callable;

/**
 * A job's benchmark: a picocli command ({@code @Command(name = "<job>")}) that {@code fanout bench} lists and runs.
 * Implementations are prototype-scoped beans of the job's own package; the command line discovers them as it
 * discovers jobs through {@link JobDescription}, so no platform code names a job.
 */
public interface JobBenchmark extends Callable<Integer> {

}
