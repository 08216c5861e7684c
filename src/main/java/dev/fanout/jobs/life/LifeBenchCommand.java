package dev.fanout.jobs.life;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.InMemoryBands;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;

@Component
@Scope("prototype")
@Command(name = "life", mixinStandardHelpOptions = true, description = {
		"The R-pentomino centred on a torus, in one run: a plain single-threaded byte-per-cell loop, the "
				+ "bit-parallel kernel, the job's band scheme in memory, the grid's bands as independent tori (no "
				+ "halo, no join: the machine's own ceiling), and the life job at each partition count "
				+ "(after a short warm-up run of each). Prints cell updates/s, speedups, and the job's framework cost "
				+ "per generation; times are the best of --repeat runs." })
class LifeBenchCommand implements JobBenchmark {

	private static final double PLAIN_UPDATES = 1.2e9;

	private static final int WARM_UP_GENERATIONS = 10;

	@Spec
	private CommandSpec spec;

	@Option(names = "--size", defaultValue = "1024", description = "width and height of the torus (default 1024)")
	private int size;

	@Option(names = "--generations", defaultValue = "1103", description = "generations (default 1103)")
	private int generations;

	@Option(names = "--partitions", split = ",", defaultValue = "1,2", description = "partition counts (default 1,2)")
	private List<Integer> partitions;

	@Option(names = "--checkpoint", defaultValue = "auto", description = "generations per step (default auto)")
	private String checkpoint;

	@Option(names = "--repeat", defaultValue = "3",
			description = "runs per configuration; the table shows the fastest, the least disturbed by noise (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	LifeBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout) {
		this.launcher = launcher;
		this.fanout = fanout;
	}

	@Override
	public Integer call() throws Exception {
		if (this.size < 3 || this.generations < 1 || this.repeat < 1
				|| this.partitions.stream().anyMatch((p) -> p < 1 || p > this.size)) {
			throw CommandFailure.usage("need --size >= 3, --generations >= 1, --repeat >= 1 and 1 <= partitions <= size");
		}
		if (!this.checkpoint.equals("auto") && !this.checkpoint.matches("0*[1-9]\\d{0,8}")) {
			throw CommandFailure.usage("--checkpoint takes auto or a positive number of generations, not "
					+ this.checkpoint);
		}
		Path pattern = this.fanout.dataDir().resolve("work/bench/life/r-pentomino.rle");
		AtomicFiles.write(pattern, (writer) -> writer.write("x = 3, y = 3, rule = B3/S23\nb2o$2ob$bo!\n"));
		Grid start = Placement.place(PatternReader.read(pattern), this.size, this.size, Placement.CENTER);
		double updates = (double) this.size * this.size * this.generations;
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("R-pentomino centred on %d×%d, %d generations: %.3g cell updates; %d processors; best of %d runs"
			.formatted(this.size, this.size, this.generations, updates, Runtime.getRuntime().availableProcessors(),
					this.repeat));
		out.flush();

		// The plain loop runs about 1.2×10⁹ cell updates at most (5 s here) and once: its rate is what counts.
		int plainGenerations = (int) Math.max(1, Math.min(this.generations, PLAIN_UPDATES / ((double) this.size * this.size)));
		long begin = System.nanoTime();
		LifeRules.advance(LifeRules.toBytes(start), this.size, this.size, plainGenerations);
		double plain = (System.nanoTime() - begin) / 1e9;
		out.println("%-40s %8.3f s  %10.3g updates/s%s".formatted("plain byte-per-cell loop, 1 thread", plain,
				(double) this.size * this.size * plainGenerations / plain, (plainGenerations < this.generations)
						? "  (over the first %d generations)".formatted(plainGenerations) : ""));

		// The first run is the warm-up, and the reference that the bands in memory must match.
		Grid end = BitKernel.advance(start, this.generations);
		double kernel = best(() -> BitKernel.advance(start, this.generations));
		out.println("%-40s %8.3f s  %10.3g updates/s  (population %d)".formatted("bit-parallel kernel, 1 thread",
				kernel, updates / kernel, end.population()));
		for (int p : this.partitions) {
			if (p > 1) {
				int k = generationsPerStep(p);
				if (!InMemoryBands.advance(start, p, k, this.generations).equals(end)) {
					throw new IllegalStateException("the bands in memory disagree with the kernel");
				}
				double seconds = best(() -> InMemoryBands.advance(start, p, k, this.generations));
				out.println("%-40s %8.3f s  %10.3g updates/s  %.2f× the kernel, K = %d (the job's ceiling)".formatted(
						"%d bands in memory, %d threads".formatted(p, p), seconds, updates / seconds, kernel / seconds, k));
				double alone = best(() -> InMemoryBands.independent(start, p, this.generations).get(0));
				out.println("%-40s %8.3f s  %10.3g updates/s  %.2f× the kernel (the machine's ceiling)".formatted(
						"%d independent tori, %d threads".formatted(p, p), alone, updates / alone, kernel / alone));
			}
		}
		out.flush();

		// The first run of a job in a JVM also loads and compiles Spring Batch's and the band's code paths: a short
		// run per partition count first, so that every measured run is equally warm.
		for (int p : this.partitions) {
			runJob(pattern, p, Math.min(this.generations, WARM_UP_GENERATIONS), "auto");
		}
		double first = 0;
		for (int p : this.partitions) {
			double steps = Double.MAX_VALUE;
			int stepCount = 0;
			for (int run = 0; run < this.repeat; run++) {
				JobExecution execution = runJob(pattern, p, this.generations, this.checkpoint);
				double total = 0;
				stepCount = 0;
				for (StepExecution step : execution.getStepExecutions()) {
					if (step.getStepName().equals("lifeGenerations")) {
						total += Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9;
						stepCount++;
					}
				}
				steps = Math.min(steps, total);
			}
			first = (first == 0) ? steps : first;
			double overhead = steps - kernel / p;
			out.println(("%-40s %8.3f s  %10.3g updates/s  %.2f× partitions=%d  %d steps, cost beyond the kernel's "
					+ "ideal %.0f ms (%.3f ms/generation)").formatted("job, partitions=" + p + " (generation steps)",
							steps, updates / steps, first / steps, this.partitions.get(0), stepCount, overhead * 1000,
							overhead * 1000 / this.generations));
			out.flush();
		}
		return ExitCodes.OK;
	}

	/** The fastest of {@code --repeat} runs, in seconds. */
	private double best(Callable<Grid> run) throws Exception {
		double best = Double.MAX_VALUE;
		for (int i = 0; i < this.repeat; i++) {
			long begin = System.nanoTime();
			run.call();
			best = Math.min(best, (System.nanoTime() - begin) / 1e9);
		}
		return best;
	}

	/** The K the job will use: the {@code --checkpoint} given, else the job's own choice. */
	private int generationsPerStep(int partitions) {
		return this.checkpoint.equals("auto")
				? CheckpointPolicy.generationsPerStep(this.size, this.size, partitions, this.generations)
				: Integer.parseInt(this.checkpoint);
	}

	private JobExecution runJob(Path pattern, int partitions, int generations, String checkpoint) {
		return this.launcher.runNewInstance(LifeFiles.JOB,
				List.of("pattern=" + this.fanout.dataDir().relativize(pattern), "width=" + this.size,
						"height=" + this.size, "placement=center", "generations=" + generations,
						"partitions=" + partitions, "checkpoint=" + checkpoint));
	}

}
