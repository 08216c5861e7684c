package dev.fanout.jobs.sensors.bench;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

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
import dev.fanout.core.CommandFailure;
import dev.fanout.core.DurationText;
import dev.fanout.core.ExitCodes;
import dev.fanout.jobs.sensors.SensorsParameters;
import dev.fanout.jobs.sensors.counting.CountResult;
import dev.fanout.jobs.sensors.counting.CounterMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "sensors", mixinStandardHelpOptions = true, description = {
		"Run the sensors job once per counter mode on the same workload, in this JVM, one warm-up each, then the "
				+ "modes in turn; compare their counting step's time (the same scope for every mode) with "
				+ "counter=partitioned's, and check each count." })
class SensorsBenchCommand implements JobBenchmark {

	private static final String JOB = "sensors";

	/** The baseline first; the runs of one repetition go through the modes in this order. */
	private static final List<CounterMode> MODES = List.of(CounterMode.PARTITIONED, CounterMode.LOCKED,
			CounterMode.ATOMIC, CounterMode.ADDER, CounterMode.UNSAFE);

	@Spec
	private CommandSpec spec;

	@Option(names = "--sensors", defaultValue = SensorsParameters.DEFAULT_SENSORS,
			description = "sensors (and worker threads) (default ${DEFAULT-VALUE})")
	private String sensors;

	@Option(names = "--readings", defaultValue = SensorsParameters.DEFAULT_READINGS,
			description = "readings per sensor (default ${DEFAULT-VALUE})")
	private String readings;

	@Option(names = "--read-latency", defaultValue = SensorsParameters.DEFAULT_READ_LATENCY,
			description = "simulated blocking read: 0, 100ms, 1s... (default ${DEFAULT-VALUE})")
	private String readLatency;

	@Option(names = "--repeat", defaultValue = "3",
			description = "measured runs per mode, after one warm-up; the ratios compare the fastest (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	SensorsBenchCommand(BenchmarkLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public List<String> arguments(Size size) {
		return (size == Size.TINY) ? List.of("--sensors", "2", "--readings", "100", "--repeat", "1") : List.of();
	}

	@Override
	public Integer call() throws Exception {
		measure(this.spec.commandLine().getOut(), true);
		return ExitCodes.OK;
	}

	@Override
	public BenchResult measure(PrintWriter out, boolean judged) throws Exception {
		if (this.repeat < 1) {
			throw CommandFailure.usage("--repeat must be 1 or more");
		}
		SensorsParameters workload;
		try {
			workload = SensorsParameters.parse(this.sensors, this.readings, this.readLatency, "partitioned");
		}
		catch (IllegalArgumentException ex) {
			throw CommandFailure.usage(ex.getMessage());
		}
		BenchRun run = new BenchRun("sensors", out, judged).input("sensors", workload.sensors())
			.input("readings per sensor", workload.readings())
			.input("readLatency", DurationText.format(workload.readLatency()))
			.input("repeat", this.repeat + " after 1 warm-up, modes alternating")
			.input("reference", "counter=partitioned (each worker counts alone, merged at the end)")
			.input("timing", "the counting step of each run (the same scope for every mode), as the job reports it");
		run.start();
		// The lowest count of each mode's runs: an unsafe mode's losses vary from run to run.
		List<CountResult> lowest = new ArrayList<>(MODES.stream().map((mode) -> (CountResult) null).toList());
		List<Runs.Contender> contenders = new ArrayList<>();
		for (int i = 0; i < MODES.size(); i++) {
			int index = i;
			CounterMode mode = MODES.get(i);
			contenders.add(Runs.contender("counter=" + mode + " (counting step)", () -> {
				CountResult result = checked(run(mode, workload.sensors(), workload.readings(), this.readLatency),
						workload.sensors(), workload.readings());
				if (lowest.get(index) == null || result.found() < lowest.get(index).found()) {
					lowest.set(index, result);
				}
				return Sample.of(result.seconds());
			}));
		}
		List<Measurement> measurements = run.add(Runs.alternate(1, this.repeat, contenders));
		for (int i = 0; i < MODES.size(); i++) {
			CountResult worst = lowest.get(i);
			run.note("counter=%s: expected %d, lowest count found %d, lost %d".formatted(MODES.get(i), worst.expected(),
					worst.found(), worst.lost()));
		}
		double baseline = measurements.get(0).best();
		for (int i = 1; i < MODES.size(); i++) {
			run.ratio("counter=%s / counter=partitioned".formatted(MODES.get(i)), measurements.get(i).best() / baseline,
					null);
		}
		return run.finish();
	}

	/**
	 * A run's count, once checked against the workload, not against the job's own idea of it: every run expects
	 * sensors × readings updates, an exact mode found them all, and no mode found more.
	 *
	 * @throws IllegalStateException naming the mode and the counts, which fails the bench
	 */
	static CountResult checked(CountResult result, int sensors, long readings) {
		long expected = sensors * readings;
		if (result.expected() != expected) {
			throw new IllegalStateException("counter=%s expected %d updates, not the workload's %d x %d = %d"
				.formatted(result.counter(), result.expected(), sensors, readings, expected));
		}
		if (result.found() > expected || (result.counter().exact() && result.found() != expected)) {
			throw new IllegalStateException("counter=%s counted %d of %d updates: %s".formatted(result.counter(),
					result.found(), expected, result.counter().exact() ? "it must count exactly" : "more than made"));
		}
		return result;
	}

	private CountResult run(CounterMode mode, int sensors, long readings, String latency) throws IOException {
		var execution = this.launcher.runNewInstance(JOB, List.of("counter=" + mode, "sensors=" + sensors,
				"readings=" + readings, "readLatency=" + latency));
		return CountResult.parse(Files.readAllLines(Path.of(JobOutputs.of(execution).get(0))).get(1));
	}

}
