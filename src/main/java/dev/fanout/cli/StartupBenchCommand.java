package dev.fanout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.ChildProcess;
import dev.fanout.batch.bench.Machine;
import dev.fanout.batch.bench.Measurement;
import dev.fanout.batch.bench.Ratio;
import dev.fanout.batch.bench.Runs;
import dev.fanout.batch.bench.Sample;
import dev.fanout.batch.bench.Target;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fanout bench startup}: the wall time of everyday commands as a user sees it, each a new process started the
 * way users start Fanout ({@code target/fanout}, {@code java -jar}), with the repository's server already running
 * (warm) or not (cold: the command starts it). Start-up is no job, so this is no {@link JobBenchmark}; {@code fanout
 * bench all} runs it after the jobs' benches, through {@link #arguments} and {@link #measure}.
 */
@Component
@Scope("prototype")
@Command(name = "startup", mixinStandardHelpOptions = true, description = {
		"Time everyday commands (history, run factorize) as new processes started by target/fanout and by java -jar, "
				+ "on a fresh data directory, with the repository server running (warm) and not running (cold). "
				+ "Prints the best and median of --repeat runs and each goal met or missed; --baseline times another "
				+ "build's jar (and its launcher beside it) in the same run, alternating with this one." })
class StartupBenchCommand implements Callable<Integer> {

	/** This build's median over the baseline's: at most 5% slower. */
	private static final Target RATIO_GOAL = Target.atMost(1.05);

	private static final Duration COMMAND_TIMEOUT = Duration.ofMinutes(3);

	@Spec
	private CommandSpec spec;

	@Option(names = "--jar", defaultValue = "target/fanout.jar", description = "the build to time (default target/fanout.jar)")
	private Path jar;

	@Option(names = "--baseline", paramLabel = "JAR", description = "another build's jar to time side by side, e.g. the "
			+ "previous release's; its target/fanout launcher is timed too when it lies beside it")
	private @Nullable Path baseline;

	@Option(names = "--java", paramLabel = "JAVA", description = "the java for java -jar (default: this JVM's own)")
	private @Nullable Path java;

	@Option(names = "--repeat", defaultValue = "5", description = "runs of each measure (default 5)")
	@Range(min = 1)
	private int repeat;

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut(), true);
		return ExitCodes.OK;
	}

	/** Its options in {@code fanout bench all}: {@code jar}'s start-up, 3 runs of each measure (1 when tiny). */
	static List<String> arguments(JobBenchmark.Size size, Path jar) {
		return List.of("--jar", jar.toString(), "--repeat", (size == JobBenchmark.Size.TINY) ? "1" : "3");
	}

	/**
	 * Times the commands with the parsed options, printing as it goes, and returns what it found for a report: each
	 * measure, each median over its goal in seconds (at most 1), each ratio to the baseline, every line printed.
	 *
	 * @param judged false where the figures mean nothing ({@code bench all --size tiny}): no verdicts then
	 */
	BenchResult measure(PrintWriter console, boolean judged) throws Exception {
		Path java = (this.java != null) ? this.java
				: Path.of(ProcessHandle.current().info().command().orElse("java"));
		List<Build> builds = new ArrayList<>();
		builds.add(Build.of("this build", this.jar));
		if (this.baseline != null) {
			builds.add(Build.of("baseline", this.baseline));
		}
		StringWriter printed = new StringWriter();
		PrintWriter out = new PrintWriter(new Tee(console, printed), true);
		Machine machine = Machine.current();
		out.println("bench startup on " + machine.describe());
		out.println(("  timing: wall time from process start to its exit; best and median of %d runs, alternating, "
				+ "each round starting one command further").formatted(this.repeat));
		out.println("  java -jar: %s, its default JIT (C2, tiered)".formatted(java));
		out.println("  target/fanout: its own JDK (FANOUT_JAVA, JAVA_HOME or the newest under /usr/lib/jvm) and JIT "
				+ "(FANOUT_JIT=%s: history on C1, run on the full JIT, unless it says c1 or full)"
					.formatted(System.getenv().getOrDefault("FANOUT_JIT", "unset")));
		out.println("  jar: " + this.jar.toAbsolutePath());
		out.println("  baseline: " + ((this.baseline != null) ? this.baseline.toAbsolutePath() : "none"));
		out.println("  repeat: " + this.repeat + " after 1 untimed run of each build's history and run");
		out.println("  goals: on the median run");
		if (!judged) {
			out.println("  verdicts: not judged (a workload too small for its figures to mean anything)");
		}
		out.println("Load average at start: " + loadAverage());
		List<Measure> measures = new ArrayList<>();
		try {
			for (Build build : builds) {
				build.prepare(java, out);
				measures.addAll(build.measures(java));
			}
			for (int index : schedule(this.repeat, measures.size())) {
				measures.get(index).runOnce();
			}
		}
		finally {
			for (Build build : builds) {
				build.cleanUp();
			}
		}
		out.println("Load average at end:   " + loadAverage());
		print(out, measures, builds.size() > 1, judged);
		out.flush();
		Map<String, Object> inputs = new LinkedHashMap<>();
		inputs.put("jar", this.jar.toAbsolutePath().toString());
		inputs.put("baseline", (this.baseline != null) ? this.baseline.toAbsolutePath().toString() : "none");
		inputs.put("java -jar runs", java.toString());
		inputs.put("repeat", this.repeat);
		List<Measurement> measurements = measures.stream().map(Measure::measurement).toList();
		List<Ratio> ratios = ratios(measures.stream().map(Measure::timing).toList(), judged);
		return new BenchResult("startup", "fanout bench startup", machine, inputs, measurements, ratios, List.of(),
				printed.toString().lines().toList(), "");
	}

	/**
	 * The order of the timed runs: every measure once a round, so that a busy moment of the machine hits all alike,
	 * each round starting one measure further (the toolkit's {@link Runs#order}), so that none always runs first or right
	 * after the same other one (this build's always ran before the baseline's).
	 *
	 * @return the measures' indexes, round after round
	 */
	static List<Integer> schedule(int repeat, int measures) {
		List<Integer> order = new ArrayList<>();
		for (int round = 0; round < repeat; round++) {
			Arrays.stream(Runs.order(round, measures)).forEach(order::add);
		}
		return order;
	}

	/** One measure's median, for its ratios. */
	record Timing(String label, String server, boolean baseline, @Nullable Double goal, double median) {

		boolean sameAs(Timing other) {
			return this.label.equals(other.label) && this.server.equals(other.server);
		}

	}

	/**
	 * This build's ratios, on medians: each over its goal in seconds (target at most 1), and each over the
	 * baseline's same measure (target {@link #RATIO_GOAL}).
	 */
	static List<Ratio> ratios(List<Timing> timings, boolean judged) {
		List<Ratio> ratios = new ArrayList<>();
		for (Timing timing : timings) {
			if (timing.baseline()) {
				continue;
			}
			String measure = timing.label() + ", " + timing.server();
			if (timing.goal() != null) {
				ratios.add(new Ratio("median / goal of %s s: %s".formatted(timing.goal(), measure),
						timing.median() / timing.goal(), Ratio.Basis.MEDIAN, Target.atMost(1.0), judged));
			}
			timings.stream()
				.filter((other) -> other.baseline() && other.sameAs(timing))
				.findFirst()
				.ifPresent((before) -> ratios.add(new Ratio("this build / baseline: " + measure,
						timing.median() / before.median(), Ratio.Basis.MEDIAN, RATIO_GOAL, judged)));
		}
		return ratios;
	}

	/** Writes to the console and keeps a copy of what it wrote, for the report. */
	private static final class Tee extends Writer {

		private final Writer console;

		private final Writer copy;

		Tee(Writer console, Writer copy) {
			this.console = console;
			this.copy = copy;
		}

		@Override
		public void write(char[] characters, int offset, int length) throws IOException {
			this.console.write(characters, offset, length);
			this.copy.write(characters, offset, length);
		}

		@Override
		public void flush() throws IOException {
			this.console.flush();
		}

		@Override
		public void close() throws IOException {
			flush();
		}

	}

	/** The table; its verdicts are the report's ratios' ({@code not judged} when {@code judged} is false). */
	private void print(PrintWriter out, List<Measure> measures, boolean baseline, boolean judged) {
		out.println();
		out.println("%-42s  %-6s  %9s  %9s  %-20s%s".formatted("command", "server", "best", "median", "goal (median)",
				baseline ? "  baseline median, ratio (goal %s)".formatted(RATIO_GOAL.describe()) : ""));
		for (Measure measure : measures) {
			if (measure.build.baseline()) {
				continue;
			}
			Measure before = measures.stream()
				.filter((other) -> other.build.baseline() && other.sameAs(measure))
				.findFirst()
				.orElse(null);
			String compared = (before != null) ? compared(measure.median(), before.median(), judged)
					: baseline ? "  (not in the baseline)" : "";
			out.println(row(measure.label, measure.server, measure.best(), measure.median(), measure.goal, judged)
					+ compared);
		}
		out.println("(goals are on the median; cold: no repository server runs when the command starts, so a run "
				+ "starts one and history reads the database file; the baseline's rows with a repository in the "
				+ "process itself show as cold and warm alike)");
	}

	/**
	 * One command's row: its best and median, and its goal in seconds met or missed. The median is printed with as
	 * many decimals as it takes to fall on the side of the goal that the verdict says (the toolkit's {@link Ratio}).
	 */
	static String row(String label, String server, double best, double median, @Nullable Double goal,
			boolean judged) {
		String shown = "%.3f".formatted(median);
		String verdict = "";
		if (goal != null) {
			Ratio seconds = new Ratio(label, median, Ratio.Basis.MEDIAN, Target.atMost(goal), judged);
			shown = seconds.shown(3);
			verdict = "%s s: %s".formatted(Target.atMost(goal).describe(), seconds.verdict());
		}
		return "%-42s  %-6s  %7.3f s  %7s s  %-20s".formatted(label, server, best, shown, verdict);
	}

	/** {@code   1.390 s, 0.73 met}: the baseline's median and this build's over it, against {@link #RATIO_GOAL}. */
	static String compared(double median, double baselineMedian, boolean judged) {
		Ratio ratio = new Ratio("this build / baseline", median / baselineMedian, Ratio.Basis.MEDIAN, RATIO_GOAL,
				judged);
		return "  %7.3f s, %s %s".formatted(baselineMedian, ratio.shown(), ratio.verdict());
	}

	/**
	 * How the last start that the log records went: from the context the build generated (Spring AOT), which Boot's
	 * start-up line says, or normally; so that a comparison of builds says which start each one timed.
	 */
	static String howItStarted(Path log) throws IOException {
		String start = Files.isRegularFile(log) ? Files.readAllLines(log)
			.stream()
			.filter((line) -> line.contains(": Starting ") && line.contains("FanoutApplication"))
			.reduce((first, second) -> second)
			.orElse("") : "";
		if (start.isEmpty()) {
			return "(its log has no start-up line)";
		}
		return start.contains("Starting AOT-processed") ? "from the context generated at build time (Spring AOT)"
				: "normally (no context generated at build time, or one that does not fit)";
	}

	private static String loadAverage() {
		try {
			String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
			return String.join(" ", Arrays.copyOf(fields, 3)) + " (1, 5, 15 min)";
		}
		catch (IOException ex) {
			return "unknown";
		}
	}

	/** One build: its jar, the launcher beside it if any, and a data directory of its own (builds' formats differ). */
	record Build(String name, Path jar, @Nullable Path launcher, Path dataDir) {

		static Build of(String name, Path jar) throws IOException {
			if (!Files.isRegularFile(jar)) {
				throw CommandFailure.usage("%s is not a file: build it with mvn -q -DskipTests package, or give --jar"
					.formatted(jar));
			}
			Path launcher = jar.toAbsolutePath().resolveSibling("fanout");
			return new Build(name, jar.toAbsolutePath(), Files.isExecutable(launcher) ? launcher : null,
					Files.createTempDirectory("fanout-startup-"));
		}

		boolean baseline() {
			return !this.name.equals("this build");
		}

		/**
		 * One job run in the data directory, so history has a row; the launcher builds its start-up caches now, one
		 * for the reads and one for runs.
		 */
		void prepare(Path java, PrintWriter out) throws IOException, InterruptedException {
			out.println("Preparing %s (%s)...".formatted(this.name, this.jar));
			out.flush();
			List<String> start = (this.launcher != null) ? List.of(this.launcher.toString())
					: List.of(java.toString(), "-jar", this.jar.toString());
			time(command(start, "history"));
			time(command(start, "run", "factorize", "numbers=2139079,1214759,1516637,1852285"));
			out.println("  its run started " + howItStarted(this.dataDir.resolve("logs/fanout.log")));
		}

		List<Measure> measures(Path java) throws IOException {
			List<Measure> measures = new ArrayList<>();
			List<String> jarCommand = List.of(java.toString(), "-jar", this.jar.toString());
			if (this.launcher != null) {
				List<String> launcherCommand = List.of(this.launcher.toString());
				measures.add(measure("target/fanout history", false, 0.8, launcherCommand, "history"));
				measures.add(measure("target/fanout history", true, 0.8, launcherCommand, "history"));
			}
			measures.add(measure("java -jar fanout.jar history", false, 2.0, jarCommand, "history"));
			measures.add(measure("java -jar fanout.jar history", true, 2.0, jarCommand, "history"));
			if (this.launcher != null) {
				List<String> launcherCommand = List.of(this.launcher.toString());
				String[] run = { "run", "factorize", "--new", "numbers=2139079,1214759,1516637,1852285" };
				measures.add(measure("target/fanout run factorize (4 numbers)", false, 1.0, launcherCommand, run));
				measures.add(measure("target/fanout run factorize (4 numbers)", true, 1.0, launcherCommand, run));
			}
			return measures;
		}

		private Measure measure(String label, boolean cold, double goal, List<String> start, String... args)
				throws IOException {
			Measure measure = new Measure(this, label, cold ? "cold" : "warm", cold, goal, command(start, args));
			// A build from before the repository server opens the database in the command's own process. history
			// reads the database file when no server runs: 'workers' reads the repository, which starts the server
			// ('repository' started one until it learned to answer without the application, 'jobs' until commands
			// connected at their first use of the repository; a build from before 'workers' gets 'jobs').
			measure.warmUp = serverRunning() ? List.of(command(start, "workers"), command(start, "jobs")) : null;
			return measure;
		}

		boolean serverRunning() throws IOException {
			return ServerRecord.read(RepositoryFiles.of(this.dataDir))
				.flatMap((server) -> ProcessHandle.of(server.pid()))
				.map(ProcessHandle::isAlive)
				.orElse(false);
		}

		/**
		 * The data directory goes last: a launcher before this build's read the command from its first argument
		 * only, and ran {@code run} on C1 when a property came first.
		 */
		private List<String> command(List<String> start, String... args) {
			return Stream.of(start.stream(), Arrays.stream(args), Stream.of("--fanout.data-dir=" + this.dataDir))
				.flatMap((s) -> s)
				.toList();
		}

		/**
		 * Runs the commands of {@code warmUp}, untimed, until one has left the repository server of this build's data
		 * directory running: a warm row timed without it would be a cold one.
		 */
		void startServer(List<List<String>> warmUp) throws IOException, InterruptedException {
			for (int i = 0; i < warmUp.size(); i++) {
				try {
					time(warmUp.get(i));
				}
				catch (IOException ex) {
					if (i == warmUp.size() - 1) {
						throw ex;
					}
					continue; // a command this build does not have: the next one
				}
				if (serverRunning()) {
					return;
				}
			}
			throw new IOException("%s left no repository server running: the warm rows cannot be measured"
				.formatted(String.join(" ", warmUp.get(warmUp.size() - 1))));
		}

		/** Stops the repository server of this build's data directory, if any, and waits until it has gone. */
		void stopServer() throws IOException, InterruptedException {
			ServerRecord server = ServerRecord.read(RepositoryFiles.of(this.dataDir)).orElse(null);
			ProcessHandle process = (server != null) ? ProcessHandle.of(server.pid()).orElse(null) : null;
			if (process == null) {
				return;
			}
			process.destroy(); // SIGTERM: the server closes the database cleanly
			Instant deadline = Instant.now().plus(COMMAND_TIMEOUT);
			while (process.isAlive()) {
				if (Instant.now().isAfter(deadline)) {
					throw new IOException("the repository server %d did not stop".formatted(server.pid()));
				}
				Thread.sleep(10);
			}
		}

		void cleanUp() throws IOException, InterruptedException {
			stopServer();
			try (Stream<Path> files = Files.walk(this.dataDir)) {
				for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
					Files.deleteIfExists(file);
				}
			}
		}

	}

	/** One command of one build, timed {@code repeat} times. */
	private static final class Measure {

		final Build build;

		final String label;

		final String server;

		final boolean cold;

		final @Nullable Double goal;

		final List<String> command;

		/**
		 * Untimed commands, the first that leaves it running ending the list, that start the repository server before a
		 * warm run; null if the build has none.
		 */
		@Nullable List<List<String>> warmUp;

		final List<Double> seconds = new ArrayList<>();

		Measure(Build build, String label, String server, boolean cold, @Nullable Double goal, List<String> command) {
			this.build = build;
			this.label = label;
			this.server = server;
			this.cold = cold;
			this.goal = goal;
			this.command = command;
		}

		boolean sameAs(Measure other) {
			return this.label.equals(other.label) && this.server.equals(other.server);
		}

		Timing timing() {
			return new Timing(this.label, this.server, this.build.baseline(), this.goal, median());
		}

		/** {@code target/fanout history, warm}; a baseline's measure says so first. */
		Measurement measurement() {
			String name = (this.build.baseline() ? "baseline: " : "") + this.label + ", " + this.server;
			return new Measurement(name, this.seconds.stream().map((s) -> new Sample(s, Double.NaN)).toList());
		}

		void runOnce() throws IOException, InterruptedException {
			if (this.cold) {
				this.build.stopServer();
			}
			else if (this.warmUp != null && !this.build.serverRunning()) {
				this.build.startServer(this.warmUp); // the previous measure stopped it
			}
			this.seconds.add(time(this.command));
		}

		double best() {
			return this.seconds.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN);
		}

		double median() {
			double[] sorted = this.seconds.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			int middle = sorted.length / 2;
			return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
		}

	}

	/** Runs a command to its end and returns its wall time in seconds; a failing command fails the benchmark. */
	static double time(List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("fanout-startup-", ".out");
		try {
			long start = System.nanoTime();
			// Closed on every way out: a command still running (timed out, or the wait interrupted) is ended with
			// the processes it started, the launcher's JVM included.
			try (ChildProcess process = ChildProcess.start(new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())))) {
				if (!process.await(COMMAND_TIMEOUT)) {
					throw new IOException("%s did not end within %d s".formatted(String.join(" ", command),
							COMMAND_TIMEOUT.toSeconds()));
				}
				double seconds = (System.nanoTime() - start) / 1e9;
				if (process.exitValue() != 0) {
					throw new IOException("%s exited with %d: %s".formatted(String.join(" ", command),
							process.exitValue(), Files.readString(output).strip()));
				}
				return seconds;
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

}
