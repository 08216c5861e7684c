package dev.fanout.batch;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import dev.fanout.batch.bench.BenchResult;

/**
 * A job's benchmark: a picocli command ({@code @Command(name = "<job>")}) that {@code fanout bench} lists and runs.
 * Implementations are prototype-scoped beans in the job's {@code bench} subpackage; the command line discovers them
 * as it discovers jobs through {@link JobDescription}, so no platform code names a job. Each measures with the
 * toolkit of {@link dev.fanout.batch.bench}, so that every bench warms up, repeats, prints and reports alike.
 */
public interface JobBenchmark extends Callable<Integer> {

	/** How big a run {@code fanout bench all} asks for. */
	enum Size {

		/** Small workloads: the whole of {@code bench all} in a few minutes, the ratios still meaningful. */
		SMALL,

		/** The least that exercises every code path: a check that the bench runs; its figures mean nothing. */
		TINY

	}

	/** This bench's options for {@code fanout bench all} at {@code size}, parsed as if given on the command line. */
	List<String> arguments(Size size);

	/**
	 * Runs the bench with its parsed options, printing as it goes ({@link dev.fanout.batch.bench.BenchRun}).
	 *
	 * @param judged false for a workload too small for its figures to mean anything ({@link Size#TINY}): its ratios
	 * are then not judged against their targets
	 * @throws Exception when a contender fails or two outputs differ: the bench has no result then
	 */
	BenchResult measure(PrintWriter out, boolean judged) throws Exception;

}
