package dev.fanout.jobs.life.bench;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;
import org.springframework.util.ClassUtils;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.BenchRun;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Ratio;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.AtomicFiles;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.InMemoryBands;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;
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
				+ "runs once to warm up, then --repeat times, alternating. The job at the first partition count is "
				+ "also run in fresh processes, timed by its execution's start and end in the repository." })
class LifeBenchCommand implements JobBenchmark {

	private static final String JOB = "life";

	/** The plain loop's cap: about 3×10⁸ cell updates a run (about 1 s here); its rate is what counts. */
	private static final double PLAIN_UPDATES = 3e8;

	/** The goals: the whole R-pentomino job on 1024², 1103 generations, in 0.5 s; outputs ≤ 15% of a run. */
	private static final Target WHOLE_JOB_GOAL_SECONDS = Target.atMost(0.5);

	/** The key under which the life job's outputs step records the CPU time of the GIF's thread. */
	private static final String ANIMATION_CPU_NANOS = "life.animation.cpuNanos";

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

	private final ApplicationArguments arguments;

	private final JobRepository repository;

	private final ApplicationContext context;

	LifeBenchCommand(BenchmarkLauncher launcher, FanoutProperties fanout, ApplicationArguments arguments,
			JobRepository repository, ApplicationContext context) {
		this.launcher = launcher;
		this.fanout = fanout;
		this.arguments = arguments;
		this.repository = repository;
		this.context = context;
	}

	@Override
	public List<String> arguments(Size size) {
		return (size == Size.TINY) ? List.of("--size", "64", "--generations", "20", "--repeat", "1") : List.of();
	}

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut(), true);
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out, boolean judged) throws Exception {
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
		Grid plainExpected = BitKernel.advance(start, plainGenerations);
		Grid end = BitKernel.advance(start, this.generations);
		FreshProcessRun fresh = new FreshProcessRun(this.arguments, this.fanout.dataDir(), this.repository,
				applicationClass());
		int first = this.partitions.get(0);
		BenchRun run = new BenchRun("life", out, judged).input("pattern", "R-pentomino, centred")
			.input("torus", this.size + "x" + this.size)
			.input("generations", this.generations)
			.input("cell updates", "%.3g".formatted(updates))
			.input("partitions", this.partitions)
			.input("checkpoint", this.checkpoint)
			.input("repeat", this.repeat + " after 1 warm-up of each, every contender alternating")
			.input("reference", "the bit-parallel kernel on 1 thread (the job's own kernel, no framework, no files)")
			.input("job's threads", "partitions=p: p threads for the bands of each generation step (1 where every "
					+ "band's halo would reach around the torus: the bands would compute the same cells), plus 1 "
					+ "drawing the GIF beside them from the seed step to the outputs step; the seed, fan-in and outputs "
					+ "on the job's own thread. partitions=1 thus keeps up to 2 threads busy, against the kernel's 1")
			.input("timing", "the job as a whole run in this JVM, warm (seed, generations, outputs), and by its "
					+ "generation steps; partitions=%d also in a fresh process, its execution's start to end as the "
					.formatted(first) + "repository records it")
			.input("fresh process", fresh.describe() + " run life ... --new")
			.input("outputs share", "(the outputs step + the CPU time of the GIF's thread) / the whole run, median of "
					+ "the runs");
		run.start();

		List<Runs.Contender> contenders = new ArrayList<>();
		contenders.add(Runs.contender("plain byte-per-cell loop, 1 thread, %d generation%s".formatted(plainGenerations,
				(plainGenerations == 1) ? "" : "s"), () -> {
					Sample.Timed<Grid> timed = Sample.timed(() -> {
						byte[] bytes = LifeRules.toBytes(start);
						LifeRules.advance(bytes, this.size, this.size, plainGenerations);
						return LifeRules.toGrid(bytes, this.size, this.size);
					});
					return checked(timed, plainExpected, "the plain byte loop");
				}));
		contenders.add(Runs.contender("bit-parallel kernel, 1 thread",
				() -> checked(Sample.timed(() -> BitKernel.advance(start, this.generations)), end, "the kernel")));
		// The job's ceiling at p partitions: its bands in memory, unless every band would step the whole torus, where
		// the job runs one band and its ceiling is the kernel.
		List<Integer> bandCounts = this.partitions.stream()
			.filter((p) -> p > 1 && !BandStep.everyBandWhole(this.size, p, generationsPerStep(p)))
			.toList();
		for (int p : bandCounts) {
			int k = generationsPerStep(p);
			contenders.add(Runs.contender("%d bands in memory, %d threads, K = %d".formatted(p, p, k),
					() -> checked(Sample.timed(() -> InMemoryBands.advance(start, p, k, this.generations)), end,
							"the bands in memory")));
		}
		List<Integer> toriCounts = this.partitions.stream().filter((p) -> p > 1).toList();
		for (int p : toriCounts) {
			contenders.add(Runs.contender("%d independent tori, %d threads".formatted(p, p),
					() -> Sample.time(() -> InMemoryBands.independent(start, p, this.generations))));
		}
		List<JobContender> jobs = new ArrayList<>();
		for (int p : this.partitions) {
			JobContender job = new JobContender(pattern, p, end);
			jobs.add(job);
			contenders.add(Runs.contender("job, partitions=%d (whole run, warm in this JVM)".formatted(p), job::run));
		}
		List<Measurement> measured = run.add(Runs.alternate(1, this.repeat, contenders));

		Measurement plain = measured.get(0);
		Measurement kernel = measured.get(1);
		plainDetail(run, plain, cells * plainGenerations);
		run.note("kernel: %s updates/s, final population %d".formatted(rate(updates, kernel.best()), end.population()));
		for (int i = 0; i < bandCounts.size(); i++) {
			run.ratio("kernel / %d bands in memory (the job's ceiling)".formatted(bandCounts.get(i)),
					kernel.best() / measured.get(2 + i).best(), null);
		}
		for (int p : toriCounts) {
			if (!bandCounts.contains(p)) {
				run.note(("partitions=%d: at K = %d every band's halo would reach around the torus, so the job runs one "
						+ "band, whose ceiling is the kernel").formatted(p, generationsPerStep(p)));
			}
		}
		for (int i = 0; i < toriCounts.size(); i++) {
			run.ratio("kernel / %d independent tori (the machine's ceiling)".formatted(toriCounts.get(i)),
					kernel.best() / measured.get(2 + bandCounts.size() + i).best(), null);
		}
		List<Measurement> wholeRuns = measured.subList(2 + bandCounts.size() + toriCounts.size(), measured.size());
		for (int i = 0; i < jobs.size(); i++) {
			JobContender job = jobs.get(i);
			int p = job.partitions;
			Measurement whole = wholeRuns.get(i);
			Measurement generationSteps = run.add(new Measurement(
					"job, partitions=%d (generation steps only)".formatted(p), job.steps)
				.withDetail("%d step%s × %d band%s".formatted(job.stepCount, (job.stepCount == 1) ? "" : "s",
						job.bandsPerStep, (job.bandsPerStep == 1) ? "" : "s")));
			run.note(("job, partitions=%d: final grid equals the kernel's; %s updates/s over its generation steps; the "
					+ "GIF's thread used %.3f s of CPU beside them (median), its outputs step took %.3f s (median)")
				.formatted(p, rate(updates, generationSteps.best()), median(job.animationCpu), median(job.outputSteps)));
			run.ratio("job (whole run) / kernel, partitions=%d".formatted(p), whole.best() / kernel.best(), null);
			run.ratio("job (generation steps) / kernel, partitions=%d".formatted(p), generationSteps.best() / kernel.best(),
					null);
			run.ratio("outputs (step + GIF thread's CPU) / whole run, partitions=%d".formatted(p),
					median(job.outputShares), Ratio.Basis.MEDIAN, OUTPUTS_SHARE);
		}
		for (int i = 1; i < this.partitions.size(); i++) {
			run.ratio("job speedup (whole run), partitions=%d over %d".formatted(this.partitions.get(i), first),
					wholeRuns.get(0).best() / wholeRuns.get(i).best(), null);
		}
		Measurement freshRuns = run.add(Runs.repeat(0, this.repeat, Runs.contender(
				"job, partitions=%d (fresh process, repository times)".formatted(first), () -> {
					JobExecution execution = fresh.run(JOB, arguments(pattern.toAbsolutePath(), first));
					checkFinalGrid(execution, end);
					return Sample.of(seconds(execution.getStartTime(), execution.getEndTime()));
				})));
		run.note("fresh process: each run a new JVM (no warm-up: a fresh process is the point), its final grid "
				+ "equals the kernel's");
		if (this.size == 1024 && this.generations == 1103) {
			// A goal in seconds for what a user waits for: judged on a typical run, the median.
			run.ratio("job's whole run, s, partitions=%d, warm in this JVM".formatted(first), wholeRuns.get(0).median(),
					Ratio.Basis.MEDIAN, WHOLE_JOB_GOAL_SECONDS);
			run.ratio("job's whole run, s, partitions=%d, fresh process".formatted(first), freshRuns.median(),
					Ratio.Basis.MEDIAN, WHOLE_JOB_GOAL_SECONDS);
		}
		return run.finish();
	}

	/** The application's main class: the context's {@code @SpringBootApplication}. */
	private Class<?> applicationClass() {
		return Arrays.stream(this.context.getBeanNamesForAnnotation(SpringBootApplication.class))
			.map(this.context::getType)
			.filter(Objects::nonNull)
			.<Class<?>>map(ClassUtils::getUserClass)
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("no @SpringBootApplication in the context"));
	}

	/** The timed run's sample, once its grid is checked against {@code expected} (after the clock stopped). */
	private static Sample checked(Sample.Timed<Grid> timed, Grid expected, String whose) {
		if (!timed.value().equals(expected)) {
			throw new IllegalStateException(whose + " disagrees with the kernel's final grid");
		}
		return timed.sample();
	}

	/**
	 * The job at one partition count, run warm in this JVM: each run's final grid is checked, and the runs after the
	 * warm-up (its first call, as {@link Runs} warms every contender before measuring) keep the generation steps'
	 * time, the outputs step's, the CPU time of the GIF's thread beside the generations, and the outputs' share.
	 */
	private final class JobContender {

		final int partitions;

		private final Path pattern;

		private final Grid end;

		final List<Sample> steps = new ArrayList<>();

		final List<Double> outputSteps = new ArrayList<>();

		final List<Double> animationCpu = new ArrayList<>();

		final List<Double> outputShares = new ArrayList<>();

		int stepCount;

		int bandsPerStep;

		private boolean measuring;

		JobContender(Path pattern, int partitions, Grid end) {
			this.pattern = pattern;
			this.partitions = partitions;
			this.end = end;
		}

		Sample run() throws Exception {
			Sample.Timed<JobExecution> job = Sample.timed(() -> runJob(this.pattern, this.partitions));
			checkFinalGrid(job.value(), this.end);
			if (this.measuring) {
				double outputs = stepSeconds(job.value(), "lifeOutputs");
				double animation = animationCpuSeconds(job.value());
				this.steps.add(Sample.of(stepSeconds(job.value(), "lifeGenerations")));
				this.outputSteps.add(outputs);
				this.animationCpu.add(animation);
				this.outputShares.add((outputs + animation) / job.sample().seconds());
				this.stepCount = (int) job.value().getStepExecutions().stream()
					.filter((s) -> s.getStepName().equals("lifeGenerations")).count();
				// Fewer than the partitions asked for where every band would step the whole torus.
				this.bandsPerStep = (int) job.value().getStepExecutions().stream()
					.filter((s) -> s.getStepName().startsWith("lifeBand:")).count() / Math.max(1, this.stepCount);
			}
			this.measuring = true;
			return job.sample();
		}

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
				total += seconds(step.getStartTime(), step.getEndTime());
			}
		}
		return total;
	}

	private static double seconds(LocalDateTime start, LocalDateTime end) {
		return Duration.between(start, end).toNanos() / 1e9;
	}

	/**
	 * The CPU time the GIF's drawing used on its own thread beside the generation steps, as the outputs step recorded
	 * it (0 when the outputs step drew it itself: that time is in its own).
	 */
	private static double animationCpuSeconds(JobExecution execution) {
		StepExecution outputs = execution.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().equals("lifeOutputs"))
			.findFirst()
			.orElseThrow(() -> new IllegalStateException("the life job ran no lifeOutputs step"));
		// The life job's LifeOutputs.ANIMATION_CPU_NANOS.
		long nanos = outputs.getExecutionContext().getLong(ANIMATION_CPU_NANOS, Long.MIN_VALUE);
		if (nanos < 0) {
			throw new IllegalStateException((nanos == Long.MIN_VALUE)
					? "the life job no longer records " + ANIMATION_CPU_NANOS + ": the GIF's thread cannot be counted"
					: "this JVM does not measure threads' CPU time: the GIF's thread cannot be counted");
		}
		return nanos / 1e9;
	}

	/** The K the job will use: the {@code --checkpoint} given, else the job's own choice. */
	private int generationsPerStep(int partitions) {
		return this.checkpoint.equals("auto")
				? CheckpointPolicy.generationsPerStep(this.size, this.size, partitions, this.generations)
				: Integer.parseInt(this.checkpoint);
	}

	private JobExecution runJob(Path pattern, int partitions) {
		return this.launcher.runNewInstance(JOB, arguments(this.fanout.dataDir().relativize(pattern), partitions));
	}

	private List<String> arguments(Path pattern, int partitions) {
		return List.of("pattern=" + pattern, "width=" + this.size, "height=" + this.size, "placement=center",
				"generations=" + this.generations, "partitions=" + partitions, "checkpoint=" + this.checkpoint);
	}

}
