package dev.fanout.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.bench.BenchReport;
import dev.fanout.batch.bench.BenchResult;
import dev.fanout.batch.bench.Machine;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.DataPaths;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code fanout bench all}: every discovered bench with its small workload, one after the other in this JVM, then the
 * start-up of a build's commands as new processes ({@code bench startup}), then one report in text and JSON. A bench
 * that fails is reported as not completed and the others still run.
 */
@Component
@Scope("prototype")
@Command(name = "all", mixinStandardHelpOptions = true,
		description = { "Run every job's bench with small workloads, then the startup bench on --jar (a few minutes "
				+ "in all), and write one report, text and JSON, into <data-dir>/out/bench/ or --report DIR, for "
				+ "comparing releases. Exits 1 if a bench did not complete; missed targets are reported, not "
				+ "failures." })
class BenchAllCommand implements java.util.concurrent.Callable<Integer> {

	private static final Logger logger = LoggerFactory.getLogger(BenchAllCommand.class);

	@Spec
	private CommandSpec spec;

	@Option(names = "--report", paramLabel = "DIR",
			description = "directory of the report files (default <data-dir>/out/bench)")
	private Path report;

	@Option(names = "--size", defaultValue = "small",
			description = "small (default: meaningful ratios, a few minutes) or tiny (checks that every bench runs; "
					+ "its figures mean nothing)")
	private String size;

	@Option(names = "--jar", paramLabel = "JAR", defaultValue = "target/fanout.jar",
			description = "the build whose start-up the startup bench times (default target/fanout.jar)")
	private Path jar;

	private final ObjectProvider<JobBenchmark> benchmarks;

	private final ObjectProvider<StartupBenchCommand> startup;

	private final FanoutProperties fanout;

	BenchAllCommand(ObjectProvider<JobBenchmark> benchmarks, ObjectProvider<StartupBenchCommand> startup,
			FanoutProperties fanout) {
		this.benchmarks = benchmarks;
		this.startup = startup;
		this.fanout = fanout;
	}

	/** One bench as {@code bench all} runs it: its command line, its options, and how it measures. */
	private record Bench(CommandLine commandLine, List<String> arguments, Measure measure) {
	}

	@FunctionalInterface
	private interface Measure {

		BenchResult run(PrintWriter out, boolean judged) throws Exception;

	}

	@Override
	public Integer call() throws Exception {
		JobBenchmark.Size chosen = switch (this.size) {
			case "small" -> JobBenchmark.Size.SMALL;
			case "tiny" -> JobBenchmark.Size.TINY;
			default -> throw CommandFailure.usage("--size " + this.size + ": give small or tiny");
		};
		Path directory = (this.report != null) ? this.report.toAbsolutePath()
				: DataPaths.requireInside(this.fanout.dataDir(), this.fanout.dataDir().resolve("out/bench"));
		PrintWriter out = this.spec.commandLine().getOut();
		Machine machine = Machine.current();
		List<Bench> benches = new ArrayList<>(this.benchmarks.stream().map((benchmark) -> new Bench(
				new CommandLine(benchmark), benchmark.arguments(chosen), benchmark::measure)).toList());
		benches.sort(Comparator.comparing((bench) -> bench.commandLine().getCommandName()));
		// Start-up last: the jobs' benches run in this JVM, and the start-up bench's processes would disturb them.
		StartupBenchCommand startup = this.startup.getObject();
		benches.add(new Bench(new CommandLine(startup), StartupBenchCommand.arguments(chosen, this.jar),
				startup::measure));
		List<BenchResult> results = new ArrayList<>();
		for (Bench bench : benches) {
			results.add(run(bench, chosen, out));
		}
		BenchReport report = new BenchReport("fanout bench all --size " + this.size, machine, results);
		List<Path> written = report.write(directory);
		out.println();
		out.println(report.summary());
		out.println("Report: " + written.get(0) + " and " + written.get(1));
		out.flush();
		return results.stream().allMatch(BenchResult::completed) ? ExitCodes.OK : ExitCodes.FAILED;
	}

	/** Runs one bench; one that fails is kept in the report as not completed, with the reason. */
	private static BenchResult run(Bench bench, JobBenchmark.Size size, PrintWriter out) {
		String name = bench.commandLine().getCommandName();
		String command = String.join(" ",
				Stream.concat(Stream.of("fanout bench", name), bench.arguments().stream()).toList());
		out.println();
		out.println("== " + command);
		out.flush();
		try {
			bench.commandLine().parseArgs(bench.arguments().toArray(String[]::new));
			// A tiny workload's figures mean nothing: its targets are not judged.
			return bench.measure().run(out, size != JobBenchmark.Size.TINY).ranAs(command);
		}
		catch (Exception ex) {
			logger.error("bench {} failed", name, ex);
			String problem = (ex instanceof CommandFailure) ? ex.getMessage() : ReadableFailures.describe(ex);
			out.println("  not completed: " + problem);
			return BenchResult.failed(name, command, Machine.current(),
					Map.of("arguments", String.join(" ", bench.arguments())), problem);
		}
	}

}
