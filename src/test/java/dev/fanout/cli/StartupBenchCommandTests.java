package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.ProcessTree;
import dev.fanout.batch.bench.Ratio;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * What {@code bench startup} says of each build's start. Boot's start-up lines as a real start logs them
 * ({@code GeneratedContextProcessTests} runs both kinds of start).
 */
class StartupBenchCommandTests {

	private static final String GENERATED = "2026-12-05T19:35:49.588Z  INFO 28739 --- [fanout] [main] "
			+ "dev.fanout.FanoutApplication             : Starting AOT-processed FanoutApplication v0.1.0-SNAPSHOT using "
			+ "Java 25.0.3 with PID 28739";

	private static final String NORMAL = "2026-12-05T20:07:39.010Z  INFO 9612 --- [fanout] [main] "
			+ "dev.fanout.FanoutApplication             : Starting FanoutApplication v0.1.0-SNAPSHOT using Java 25.0.3 "
			+ "with PID 9612";

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void anInterruptedCommandIsEndedWithTheProcessesItStarted(@TempDir Path directory) throws Exception {
		try (ProcessTree tree = ProcessTree.in(directory)) {
			Throwable ended = tree.interruptWhileItRuns(() -> StartupBenchCommand.time(tree.command()));

			assertThat(ended).isInstanceOf(InterruptedException.class);
			assertThat(tree.anyAlive()).as("the command or its child (pid %d) is left", tree.sleeper()).isFalse();
		}
	}

	/**
	 * 'repository' once started a server and no longer does, nor 'jobs': a warm-up that starts none is not taken for
	 * one, and a command that fails (one an older build does not have) leaves the next one to try.
	 */
	@Test
	void aWarmUpThatLeavesNoRepositoryServerRunningFailsTheMeasure(@TempDir Path directory) {
		var build = new StartupBenchCommand.Build("this build", directory.resolve("fanout.jar"), null, directory);

		assertThatIOException().isThrownBy(() -> build.startServer(List.of(List.of("true"))))
			.withMessage("true left no repository server running: the warm rows cannot be measured");
		assertThatIOException().isThrownBy(() -> build.startServer(List.of(List.of("false"), List.of("true"))))
			.withMessage("true left no repository server running: the warm rows cannot be measured");
		assertThatIOException().isThrownBy(() -> build.startServer(List.of(List.of("true"), List.of("false"))))
			.withMessageStartingWith("false exited with 1");
	}

	@Test
	void saysHowTheLatestStartOfTheLogWent(@TempDir Path directory) throws Exception {
		Path log = directory.resolve("fanout.log");

		Files.writeString(log, NORMAL + "\nlater lines\n" + GENERATED + "\nits run\n");
		assertThat(StartupBenchCommand.howItStarted(log))
			.isEqualTo("from the context generated at build time (Spring AOT)");

		Files.writeString(log, GENERATED + "\n" + NORMAL + "\n");
		assertThat(StartupBenchCommand.howItStarted(log)).startsWith("normally");

		assertThat(StartupBenchCommand.howItStarted(directory.resolve("none.log")))
			.isEqualTo("(its log has no start-up line)");
	}

	@Test
	void aMedianJustOverItsGoalIsShownOverIt() {
		assertThat(StartupBenchCommand.row("target/fanout run factorize", "warm", 0.95, 1.0004, 1.0, true))
			.contains(" 1.0004 s ")
			.contains("<= 1.00 s: missed");
		assertThat(StartupBenchCommand.row("target/fanout run factorize", "warm", 0.95, 0.9996, 1.0, true))
			.contains(" 1.000 s ")
			.contains("<= 1.00 s: met");
		assertThat(StartupBenchCommand.row("java -jar fanout.jar history", "cold", 2.1, 2.2, null, true))
			.contains(" 2.200 s ")
			.doesNotContain("met");
	}

	@Test
	void eachRoundStartsOneCommandFurther() {
		// This build's 2 commands (0, 1) and the baseline's (2, 3): the baseline's no longer always run after them.
		assertThat(StartupBenchCommand.schedule(3, 4)).containsExactly(0, 1, 2, 3, 1, 2, 3, 0, 2, 3, 0, 1);
	}

	@Test
	void anUnjudgedRunSaysSoInItsTableAsInItsReport() {
		// bench all --size tiny: the JSON's verdicts say "not judged", and so must the printed table.
		assertThat(StartupBenchCommand.row("target/fanout history", "warm", 2.0, 2.1, 0.8, false))
			.contains("<= 0.80 s: not judged")
			.doesNotContain("missed");
		assertThat(StartupBenchCommand.compared(2.0, 1.0, false)).isEqualTo("    1.000 s, 2.00 not judged");
	}

	@Test
	void judgesEachMedianAgainstItsGoalAndThisBuildAgainstTheBaseline() {
		List<Ratio> ratios = StartupBenchCommand.ratios(List.of(
				new StartupBenchCommand.Timing("target/fanout run factorize", "warm", false, 1.0, 1.2),
				new StartupBenchCommand.Timing("java -jar fanout.jar history", "cold", false, 2.0, 1.5),
				new StartupBenchCommand.Timing("target/fanout run factorize", "warm", true, 1.0, 1.0),
				new StartupBenchCommand.Timing("java -jar fanout.jar history", "warm", true, 2.0, 1.0)), true);

		assertThat(ratios).extracting(Ratio::line)
			.containsExactly(
					"median / goal of 1.0 s: target/fanout run factorize, warm: 1.20, median runs "
							+ "(target <= 1.00: missed)",
					"this build / baseline: target/fanout run factorize, warm: 1.20, median runs "
							+ "(target <= 1.05: missed)",
					"median / goal of 2.0 s: java -jar fanout.jar history, cold: 0.75, median runs "
							+ "(target <= 1.00: met)");
		assertThat(StartupBenchCommand.ratios(List.of(
				new StartupBenchCommand.Timing("target/fanout history", "warm", false, 0.8, 2.0)), false))
			.extracting(Ratio::verdict)
			.containsExactly("not judged");
	}

	@Test
	void aRatioToTheBaselineJustOverItsGoalIsShownOverIt() {
		assertThat(StartupBenchCommand.compared(1.0503, 1.0, true)).isEqualTo("    1.000 s, 1.0503 missed");
		assertThat(StartupBenchCommand.compared(0.73, 1.0, true)).isEqualTo("    1.000 s, 0.73 met");
	}

}
