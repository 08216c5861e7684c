package dev.fanout.jobs.life.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.life.BitKernel;
import dev.fanout.jobs.life.CheckpointPolicy;
import dev.fanout.jobs.life.Grid;
import dev.fanout.jobs.life.InMemoryBands;
import dev.fanout.jobs.life.LifeRules;
import dev.fanout.jobs.life.PatternReader;
import dev.fanout.jobs.life.Placement;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "life", mixinStandardHelpOptions = true, description = {
		"The R-pentomino centred on a torus, in one run: a plain single-threaded byte-per-cell loop, the "
				+ "bit-parallel kernel, the job's band scheme in memory, the grid's bands as independent tori (no "
				+ "halo, no join: the machine's own ceiling), and the life job at each partition count, timed as a "
				+ "whole run and by its generation steps, its final grid compared with the kernel's. Every contender "
				+ "runs once to warm up, then --repeat times." })
class LifeBenchCommand implements JobBenchmark {

	private static final String JOB = "life";

	/** The plain loop's cap: about 3×10⁸ cell updates a run (about 1 s here); its rate is what counts. */
	private static final double PLAIN_UPDATES = 3e8;

	/** The goals: the whole R-pentomino job on 1024², 1103 generations, in 0.5 s; outputs ≤ 15% of a run. */
	private static final double WHOLE_JOB_GOAL_SECONDS = 0.5;

	private static final Target OUTPUTS_SHARE = Target.atMost(0.15);

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
			description = "measured runs of each, after one warm-up; the ratios compare the fastest (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	private final FanoutProperties fanout;

	LifeBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout) {
		this.launcher = launcher;
		this.fanout = fanout;
	}

	@Override
	public List<String> arguments(Size size) {
		return (size == Size.TINY) ? List.of("--size", "64", "--generations", "20", "--repeat", "1") : List.of();
	}

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut());
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out) throws Exception {
		if (this.size < 3 || this.generations < 1 || this.repeat < 1 || this.partitions.isEmpty()
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
		double cells = (double) this.size * this.size;
		double updates = cells * this.generations;
		int plainGenerations = (int) Math.max(1, Math.min(this.generations, PLAIN_UPDATES / cells));
		BenchRun run = new BenchRun("life", out).input("pattern", "R-pentomino, centred")
			.input("torus", this.size + "x" + this.size)
			.input("generations", this.generations)
			.input("cell updates", "%.3g".formatted(updates))
			.input("partitions", this.partitions)
			.input("checkpoint", this.checkpoint)
			.input("repeat", this.repeat + " after 1 warm-up of each")
			.input("reference", "the bit-parallel kernel on 1 thread (the job's own kernel, no framework, no files)")
			.input("timing", "the job as a whole run (seed, generations, outputs) and by its generation steps");
		run.start();

		Grid[] plainEnd = new Grid[1];
		Measurement plain = run.add(Runs.repeat(1, this.repeat,
				Runs.contender("plain byte-per-cell loop, 1 thread, %d generation%s".formatted(plainGenerations,
						(plainGenerations == 1) ? "" : "s"), () -> Sample.time(() -> {
							byte[] cells0 = LifeRules.toBytes(start);
							LifeRules.advance(cells0, this.size, this.size, plainGenerations);
							plainEnd[0] = LifeRules.toGrid(cells0, this.size, this.size);
						}))));
		if (!plainEnd[0].equals(BitKernel.advance(start, plainGenerations))) {
			throw new IllegalStateException("the plain byte loop disagrees with the kernel");
		}
		plainDetail(run, plain, cells * plainGenerations);

		Grid end = BitKernel.advance(start, this.generations);
		Measurement kernel = run.add(Runs.repeat(1, this.repeat, Runs.contender("bit-parallel kernel, 1 thread",
				() -> Sample.time(() -> BitKernel.advance(start, this.generations)))));
		run.note("kernel: %s updates/s, final population %d".formatted(rate(updates, kernel.best()), end.population()));
		for (int p : this.partitions) {
			if (p > 1) {
				int k = generationsPerStep(p);
				Measurement bands = run.add(Runs.repeat(1, this.repeat,
						Runs.contender("%d bands in memory, %d threads, K = %d".formatted(p, p, k), () -> {
							Sample.Timed<Grid> timed = Sample.timed(() -> InMemoryBands.advance(start, p, k, this.generations));
							if (!timed.value().equals(end)) {
								throw new IllegalStateException("the bands in memory disagree with the kernel");
							}
							return timed.sample();
						})));
				run.ratio("kernel / %d bands in memory (the job's ceiling)".formatted(p), kernel.best() / bands.best(),
						null);
				Measurement alone = run.add(Runs.repeat(1, this.repeat, Runs.contender(
						"%d independent tori, %d threads".formatted(p, p),
						() -> Sample.time(() -> InMemoryBands.independent(start, p, this.generations)))));
				run.ratio("kernel / %d independent tori (the machine's ceiling)".formatted(p),
						kernel.best() / alone.best(), null);
			}
		}

		List<Measurement> wholeRuns = new ArrayList<>();
		for (int p : this.partitions) {
			List<Sample> steps = new ArrayList<>();
			List<Double> outputShares = new ArrayList<>();
			int[] stepCount = new int[1];
			// The first call is the warm-up (Runs runs one before the measured ones): its step time is not kept.
			boolean[] measuring = { false };
			Measurement whole = Runs.repeat(1, this.repeat, Runs.contender(
					"job, partitions=%d (whole run)".formatted(p), () -> {
						Sample.Timed<JobExecution> job = Sample.timed(() -> runJob(pattern, p, this.checkpoint));
						checkFinalGrid(job.value(), end);
						if (measuring[0]) {
							steps.add(Sample.of(stepSeconds(job.value(), "lifeGenerations")));
							outputShares.add(stepSeconds(job.value(), "lifeOutputs") / job.sample().seconds());
							stepCount[0] = (int) job.value().getStepExecutions().stream()
								.filter((s) -> s.getStepName().equals("lifeGenerations")).count();
						}
						measuring[0] = true;
						return job.sample();
					}));
			wholeRuns.add(run.add(whole));
			Measurement generationSteps = run.add(new Measurement(
					"job, partitions=%d (generation steps only)".formatted(p), steps)
				.withDetail("%d step%s".formatted(stepCount[0], (stepCount[0] == 1) ? "" : "s")));
			run.note("job, partitions=%d: final grid equals the kernel's; %s updates/s over its generation steps"
				.formatted(p, rate(updates, generationSteps.best())));
			run.ratio("job (whole run) / kernel, partitions=%d".formatted(p), whole.best() / kernel.best(), null);
			run.ratio("job (generation steps) / kernel, partitions=%d".formatted(p), generationSteps.best() / kernel.best(),
					null);
			run.ratio("outputs step / whole run, partitions=%d (median)".formatted(p), median(outputShares),
					OUTPUTS_SHARE);
		}
		for (int i = 1; i < this.partitions.size(); i++) {
			run.ratio("job speedup (whole run), partitions=%d over %d".formatted(this.partitions.get(i),
					this.partitions.get(0)), wholeRuns.get(0).best() / wholeRuns.get(i).best(), null);
		}
		if (this.size == 1024 && this.generations == 1103) {
			run.ratio("job (whole run), partitions=%d / %.1f s".formatted(this.partitions.get(0), WHOLE_JOB_GOAL_SECONDS),
					wholeRuns.get(0).best() / WHOLE_JOB_GOAL_SECONDS, Target.atMost(1.0));
		}
		return run.finish();
	}

	private static void plainDetail(BenchRun run, Measurement plain, double plainUpdates) {
		run.note("plain byte loop: %s updates/s (its rate is what counts: it runs at most ~3×10⁸ updates)"
			.formatted(rate(plainUpdates, plain.best())));
	}

	private static String rate(double updates, double seconds) {
		return String.format(Locale.ROOT, "%.3g", updates / seconds);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.isEmpty() ? Double.NaN : sorted.get(sorted.size() / 2);
	}

	/** The job's final grid, read back from its {@code final.rle}, must be the kernel's. */
	private void checkFinalGrid(JobExecution execution, Grid expected) throws Exception {
		Path output = Path.of(JobOutputs.of(execution).get(0));
		Grid found = Placement.place(PatternReader.read(output.resolve("final.rle")), this.size, this.size,
				Placement.TOP_LEFT);
		if (!found.equals(expected)) {
			throw new IllegalStateException("the job's final grid (%s, population %d) differs from the kernel's "
				.formatted(output.resolve("final.rle"), found.population()) + "(population %d)".formatted(
						expected.population()));
		}
	}

	private static double stepSeconds(JobExecution execution, String stepName) {
		double total = 0;
		for (StepExecution step : execution.getStepExecutions()) {
			if (step.getStepName().equals(stepName)) {
				total += Duration.between(step.getStartTime(), step.getEndTime()).toNanos() / 1e9;
			}
		}
		return total;
	}

	/** The K the job will use: the {@code --checkpoint} given, else the job's own choice. */
	private int generationsPerStep(int partitions) {
		return this.checkpoint.equals("auto")
				? CheckpointPolicy.generationsPerStep(this.size, this.size, partitions, this.generations)
				: Integer.parseInt(this.checkpoint);
	}

	private JobExecution runJob(Path pattern, int partitions, String checkpoint) {
		return this.launcher.runNewInstance(JOB,
				List.of("pattern=" + this.fanout.dataDir().relativize(pattern), "width=" + this.size,
						"height=" + this.size, "placement=center", "generations=" + this.generations,
						"partitions=" + partitions, "checkpoint=" + checkpoint));
	}

}
