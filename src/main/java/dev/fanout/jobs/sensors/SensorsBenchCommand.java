package dev.fanout.jobs.sensors;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobBenchmark;
import dev.fanout.batch.JobOutputs;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.DurationText;
import dev.fanout.core.ExitCodes;
import dev.fanout.jobs.sensors.counting.CountResult;
import dev.fanout.jobs.sensors.counting.CounterMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "sensors", mixinStandardHelpOptions = true, description = {
		"Run the sensors job once per counter mode on the same workload, in this JVM, and compare their counting time "
				+ "(the partitioned step, without job start-up) with counter=partitioned's, and expected with found." })
class SensorsBenchCommand implements JobBenchmark {

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
			description = "runs per mode; the table shows the fastest time and the lowest count (default 3)")
	private int repeat;

	private final BenchmarkLauncher launcher;

	SensorsBenchCommand(BenchmarkLauncher launcher) {
		this.launcher = launcher;
	}

	@Override
	public Integer call() throws IOException {
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
		PrintWriter out = this.spec.commandLine().getOut();
		out.println("Workload: %d sensors x %d readings, readLatency=%s; %d processors; %d runs per mode".formatted(
				workload.sensors(), workload.readings(), DurationText.format(workload.readLatency()),
				Runtime.getRuntime().availableProcessors(), this.repeat));
		out.println("Warming up...");
		out.flush();
		for (CounterMode mode : MODES) {
			run(mode, workload.sensors(), Math.min(workload.readings(), 10_000), "0");
		}
		Map<CounterMode, CountResult> fastest = new EnumMap<>(CounterMode.class);
		Map<CounterMode, CountResult> lowest = new EnumMap<>(CounterMode.class);
		for (int run = 0; run < this.repeat; run++) {
			for (CounterMode mode : MODES) {
				CountResult result = run(mode, workload.sensors(), workload.readings(), this.readLatency);
				fastest.merge(mode, result, (a, b) -> (b.seconds() < a.seconds()) ? b : a);
				lowest.merge(mode, result, (a, b) -> (b.found() < a.found()) ? b : a);
			}
		}
		double baseline = fastest.get(CounterMode.PARTITIONED).seconds();
		out.println("%-12s  %10s  %15s  %12s  %12s  %10s".formatted("counter", "time", "vs partitioned", "expected",
				"found", "lost"));
		for (CounterMode mode : MODES) {
			double seconds = fastest.get(mode).seconds();
			CountResult worst = lowest.get(mode);
			out.println("%-12s  %8.3f s  %14.2fx  %12d  %12d  %10d".formatted(mode, seconds, seconds / baseline,
					worst.expected(), worst.found(), worst.lost()));
		}
		out.println("(time: the counting step of the fastest run; found and lost: the run that found the least)");
		return ExitCodes.OK;
	}

	private CountResult run(CounterMode mode, int sensors, long readings, String latency) throws IOException {
		JobExecution execution = this.launcher.runNewInstance(SensorsJobConfiguration.JOB, List.of("counter=" + mode,
				"sensors=" + sensors, "readings=" + readings, "readLatency=" + latency));
		return CountResult.parse(Files.readAllLines(Path.of(JobOutputs.of(execution).get(0))).get(1));
	}

}
