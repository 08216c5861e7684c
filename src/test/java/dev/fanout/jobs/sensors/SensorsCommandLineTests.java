package dev.fanout.jobs.sensors;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The sensors job through the CLI, in-process against a real repository, and its benchmark command. */
@SpringBootTest
class SensorsCommandLineTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("SensorsCommandLineTests").toString());
	}

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	FanoutProperties fanout;

	@Test
	void runWithTheDefaultsCountsTheBooksReadingsAndPrintsWhereTheResultIs() throws IOException {
		CommandResult result = run("run", "sensors", "--new");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		assertThat(result.out()).containsPattern("Execution \\d+ COMPLETED in [0-9.]+ s \\(sensors, instance \\d+\\)")
			.contains("Output: " + this.fanout.outputDirectory("sensors").resolve("instance-"));
		Path output = Path.of(result.out().lines().filter((l) -> l.startsWith("Output: ")).findFirst().orElseThrow().substring(8));
		assertThat(Files.readAllLines(output)).hasSize(2).element(1).asString().startsWith("partitioned,5,100000,500000,500000,0,");
	}

	@Test
	void jobsListsTheSensorsJobWithItsParameters() {
		CommandResult result = run("jobs");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(result.out()).contains("sensors - ")
			.containsPattern("sensors\\s+default 5\\s+sensors, each read by its own worker thread")
			.containsPattern("readings\\s+default 100000")
			.containsPattern("readLatency\\s+default 0\\s+simulated blocking read per reading: 0, or a duration like 100ms")
			.containsPattern("counter\\s+default partitioned");
	}

	@Test
	void benchTimesEveryCounterModeAgainstPartitionedAndShowsWhatEachFound() {
		CommandResult bench = bench("--sensors", "2", "--readings", "3000", "--repeat", "1");

		assertThat(bench.exitCode()).as(bench.toString()).isEqualTo(ExitCodes.OK);
		assertThat(bench.out()).contains("  sensors: 2\n  readings per sensor: 3000\n  readLatency: 0s\n");
		for (String mode : List.of("partitioned", "locked", "atomic", "adder", "unsafe")) {
			assertThat(bench.out()).containsPattern("\n  counter=" + mode + " \\(counting step\\)\\s+best\\s+[0-9.]+ s");
		}
		for (String mode : List.of("partitioned", "locked", "atomic", "adder")) {
			assertThat(bench.out()).contains("counter=" + mode + ": expected 6000, lowest count found 6000, lost 0\n");
		}
		assertThat(bench.out()).containsPattern("counter=unsafe: expected 6000, lowest count found [0-9]+, lost [0-9]+\n")
			.containsPattern("counter=locked / counter=partitioned: [0-9.]+, best runs \\(no target\\)");
	}

	@Test
	void benchRejectsBadOptionsWithOneClearMessage() {
		CommandResult noRuns = bench("--repeat", "0");
		CommandResult noSensors = bench("--sensors", "0");

		assertThat(noRuns.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(noRuns.err()).isEqualTo("fanout: --repeat must be 1 or more\n");
		assertThat(noSensors.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(noSensors.err()).contains("sensors=0 is not a whole number from 1 to 1024");
	}

	private CommandResult run(String... args) {
		return CommandResult.of(this.commandLine, args);
	}

	private CommandResult bench(String... args) {
		return run(Stream.concat(Stream.of("bench", "sensors"), Stream.of(args)).toArray(String[]::new));
	}
}
