package dev.fanout.jobs.factorize;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.Factorizer;
import dev.fanout.jobs.factorize.numbers.WorkShares;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "factorize", mixinStandardHelpOptions = true, description = {
		"Run the factorize job on a generated workload at each thread count, and the same work as a plain Java loop "
				+ "on a thread pool, in this JVM. Prints time, speedup against 1 thread and the job/loop ratio, and "
				+ "checks that both produce the same CSV." })
class FactorizeBenchCommand implements JobBenchmark {

	@Spec
	private CommandSpec spec;

	@Option(names = "--threads", split = ",", defaultValue = "1,2", description = "thread counts (default 1,2)")
	private List<Integer> threads;

	@Option(names = "--count", defaultValue = "40", description = "how many numbers (default 40)")
	private int count;

	@Option(names = "--min", defaultValue = "1000000", description = "smallest number (default 1000000)")
	private long min;

	@Option(names = "--max", defaultValue = "10000000", description = "largest number (default 10000000)")
	private long max;

	@Option(names = "--algorithm", defaultValue = "naive", description = "naive (default: CPU-bound) or fast")
	private String algorithm;

	@Option(names = "--seed", defaultValue = "53", description = "random seed of the workload (default 53)")
	private long seed;

	@Option(names = "--repeat", defaultValue = "3",
			description = "runs per configuration; the table shows the fastest, the least disturbed by noise (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final Factorizer factorizer;

	private final FanoutProperties fanout;

	FactorizeBenchCommand(BenchmarkLauncher launcher, Factorizer factorizer, FanoutProperties fanout) {
		this.launcher = launcher;
		this.factorizer = factorizer;
		this.fanout = fanout;
	}

	@Override
	public Integer call() throws Exception {
		if (this.count < 1 || this.min < 1 || this.max < this.min || this.repeat < 1
				|| this.threads.stream().anyMatch((t) -> t < 1)) {
			throw CommandFailure.usage("need --count >= 1, 1 <= --min <= --max, --repeat >= 1 and thread counts >= 1");
		}
		Algorithm chosen = Algorithm.parse(this.algorithm);
		List<Long> numbers = new Random(this.seed).longs(this.count, this.min, this.max + 1).boxed().toList();
		Path input = this.fanout.dataDir().resolve("work/bench/factorize-numbers.txt");
		AtomicFiles.write(input, (writer) -> {
			for (long number : numbers) {
				writer.write(Long.toString(number));
				writer.newLine();
			}
		});
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("Workload: %d numbers in [%d, %d], algorithm=%s, seed %d; %d processors; best of %d runs".formatted(
				this.count, this.min, this.max, chosen, this.seed, Runtime.getRuntime().availableProcessors(),
				this.repeat));
		out.println("Warming up...");
		out.flush();
		List<Long> warmup = numbers.subList(0, Math.min(numbers.size(), 4));
		plainLoop(warmup, this.threads.get(0), chosen, this.fanout.dataDir().resolve("work/bench/plain-warmup.csv"));
		runJob(input, this.threads.get(0), chosen);

		List<double[]> rows = new ArrayList<>();
		for (int t : this.threads) {
			Path plainOutput = this.fanout.dataDir().resolve("work/bench/plain-" + t + ".csv");
			double loopSeconds = Double.MAX_VALUE;
			double jobSeconds = Double.MAX_VALUE;
			for (int run = 0; run < this.repeat; run++) {
				long start = System.nanoTime();
				plainLoop(numbers, t, chosen, plainOutput);
				loopSeconds = Math.min(loopSeconds, (System.nanoTime() - start) / 1e9);
				start = System.nanoTime();
				Path jobOutput = runJob(input, t, chosen);
				jobSeconds = Math.min(jobSeconds, (System.nanoTime() - start) / 1e9);
				if (Files.mismatch(plainOutput, jobOutput) != -1) {
					throw new IllegalStateException("job output " + jobOutput + " differs from the plain loop's " + plainOutput);
				}
			}
			rows.add(new double[] { t, loopSeconds, jobSeconds });
		}
		out.println("%7s  %10s  %10s  %13s  %13s  %8s".formatted("threads", "plain loop", "job", "loop speedup",
				"job speedup", "job/loop"));
		for (double[] row : rows) {
			out.println("%7d  %8.3f s  %8.3f s  %12.2fx  %12.2fx  %8.2f".formatted((int) row[0], row[1], row[2],
					rows.get(0)[1] / row[1], rows.get(0)[2] / row[2], row[2] / row[1]));
		}
		out.println("(speedups are against the first thread count, " + (int) rows.get(0)[0] + ")");
		return ExitCodes.OK;
	}

	/** The same work without Spring Batch: the same shares on a fixed pool, results joined in input order. */
	private void plainLoop(List<Long> numbers, int threads, Algorithm chosen, Path output) throws Exception {
		String[] lines = new String[numbers.size()];
		List<int[]> shares = WorkShares.split(numbers, threads, chosen);
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<?>> futures = new ArrayList<>();
			for (int[] share : shares) {
				futures.add(pool.submit(() -> {
					for (int position : share) {
						long number = numbers.get(position);
						// Each task writes only its own positions: no two threads share a slot.
						lines[position] = new Factorization(position, number,
								this.factorizer.divisors(number, chosen)).csvLine();
					}
				}));
			}
			for (var future : futures) {
				future.get();
			}
		}
		AtomicFiles.write(output, (writer) -> {
			writer.write(FactorizationMerge.HEADER);
			writer.newLine();
			for (String line : lines) {
				writer.write(line);
				writer.newLine();
			}
		});
	}

	private Path runJob(Path input, int threads, Algorithm chosen) {
		JobExecution execution = this.launcher.runNewInstance(FactorizeJobConfiguration.JOB,
				List.of("file=" + this.fanout.dataDir().relativize(input), "threads=" + threads, "algorithm=" + chosen));
		return Path.of(JobOutputs.of(execution).get(0));
	}

}
