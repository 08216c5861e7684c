package dev.fanout.cli;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as operators run it: separate JVMs, real exit codes and a stop from another process (kill -9 is
 * {@code dev.fanout.crash.KillAndRestartTests}). The test watches the repository through its server while the job
 * runs.
 */
@RunsBesideTheSuite
class FanoutProcessTests {

	/**
	 * Slow enough to interrupt from another JVM: 40 naive factorizations of 150-200 million (about 0.4 s each here,
	 * 8 s in all on 2 workers), one per chunk.
	 */
	private static final List<Long> SLOW_NUMBERS = new Random(52).longs(40, 150_000_000, 200_000_000).boxed().toList();

	@Test
	void exitCodesAndMessagesOfARealProcess() throws Exception {
		FanoutProcess fanout = new FanoutProcess(TestDataDirectories.fresh("FanoutProcessTests-exit"));

		CommandResult ok = fanout.run("run", "factorize");
		assertThat(ok.exitCode()).as(ok.toString()).isZero();
		assertThat(ok.out()).as("plain lines when not a terminal").doesNotContain("\r").contains("COMPLETED");

		CommandResult bad = fanout.run("run", "factorize", "numbers=7,x7");
		assertThat(bad.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(bad.err()).isEqualTo("fanout: numbers: value 2: 'x7' is not a whole number\n");
		assertThat(bad.out()).isEmpty();

		CommandResult again = fanout.run("run", "factorize");
		assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICT);
	}

	/**
	 * A setting that cannot be read, or that its properties refuse, stops the start before anything runs: one line
	 * naming it, as the command line or the environment gave it, and exit code 2.
	 */
	@Test
	void aBadSettingStopsTheStartWithOneLineNamingItAndExitCode2() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-setting");
		FanoutProcess fanout = new FanoutProcess(data);

		CommandResult notANumber = fanout.run("--fanout.factorize.chunk-size=abc", "run", "factorize");
		assertThat(notANumber.exitCode()).as(notANumber.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(notANumber.err()).isEqualTo("fanout: setting fanout.factorize.chunk-size (env "
				+ "FANOUT_FACTORIZE_CHUNK_SIZE) is 'abc': expected a whole number (default 1000)\n");
		assertThat(notANumber.out()).isEmpty();

		// The variable the line names is one Boot reads.
		CommandResult refused = fanout.withEnvironment("FANOUT_RECOVERY_HEARTBEAT", "0s").run("jobs");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(refused.err()).isEqualTo("fanout: setting fanout.recovery.heartbeat (env FANOUT_RECOVERY_HEARTBEAT) "
				+ "is '0s' in the environment (FANOUT_RECOVERY_HEARTBEAT): expected a positive duration, e.g. 5s\n");
	}

	/**
	 * Help, the jobs' list, a command for no such job and a launch refused for its parameters' values need no
	 * repository: they start no repository server, and the first command that uses the repository creates its schema.
	 */
	@Test
	void commandsThatDoNotUseTheRepositoryStartNoServer() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-no-repository");
		FanoutProcess fanout = new FanoutProcess(data);

		assertThat(fanout.run("--help").exitCode()).isZero();
		assertThat(fanout.run("jobs").exitCode()).isZero();
		CommandResult unknown = fanout.run("run", "nosuchjob");
		assertThat(unknown.exitCode()).as(unknown.toString()).isEqualTo(ExitCodes.USAGE);
		CommandResult refused = fanout.run("run", "factorize", "numbers=7,x7");
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(refused.err()).isEqualTo("fanout: numbers: value 2: 'x7' is not a whole number\n");
		assertThat(data.resolve("repository/server.properties")).as("no server was started").doesNotExist();
		assertThat(RepositoryFiles.of(data).databaseFile()).as("no database was created").doesNotExist();

		CommandResult ok = fanout.run("run", "factorize");
		assertThat(ok.exitCode()).as(ok.toString()).isZero();
		assertThat(ok.out()).contains("COMPLETED");
	}

	/** A repository that cannot be reached is named, without credentials, with what to check. */
	@Test
	void aRepositoryThatCannotBeReachedIsNamedWithWhatToCheck() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		FanoutProcess fanout = new FanoutProcess(TestDataDirectories.fresh("FanoutProcessTests-unreachable"));

		CommandResult history = fanout.run("history",
				"--spring.datasource.url=jdbc:postgresql://127.0.0.1:%d/x?password=secret".formatted(closed));

		assertThat(history.exitCode()).as(history.toString()).isEqualTo(ExitCodes.FAILED);
		assertThat(history.err()).isEqualTo(("fanout: cannot reach the job repository at jdbc:postgresql://127.0.0.1:%d/x "
				+ "(Connection refused): check that its database server runs and accepts connections there, or correct "
				+ "spring.datasource.url (env SPRING_DATASOURCE_URL)\n").formatted(closed));
	}

	/**
	 * The repository's server killed (kill -9) while a run's job runs. Which end follows depends on which of the run's
	 * connections the kill breaks while they are in use: every one says how to go on, and following it completes the
	 * job with nothing lost or duplicated.
	 */
	@Test
	void aRepositoryServerKilledDuringARunSaysHowToGoOnAndLosesNothing() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-server-killed");
		FanoutProcess fanout = new FanoutProcess(data);
		FanoutProcess.Started started = fanout.start(slowRun());
		long execution = started.awaitExecutionId(Duration.ofSeconds(90));
		Await.until("2 numbers factorized", Duration.ofSeconds(90), () -> workerWrites(data) >= 2);
		ServerRecord server = ServerRecord.read(RepositoryFiles.of(data)).orElseThrow();

		ProcessHandle.of(server.pid()).orElseThrow().destroyForcibly();

		CommandResult lost = started.finish();
		String status = RepositoryQueries.status(data, execution);
		String expected = dev.fanout.jobs.factorize.ExpectedCsvAccess.of(SLOW_NUMBERS);
		switch (status) {
			case "STARTED" -> {
				// The usual end: the job's own next write fails, and so does every write of its end.
				assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCodes.FAILED);
				assertThat(lost.err()).as(lost.toString()).isEqualTo(("fanout: the job repository's server stopped or "
						+ "stopped answering during the run, so execution %d is left running in the repository: "
						+ "'fanout recover %1$d' (or 'fanout recover --orphans') marks it FAILED, then 'fanout restart "
						+ "%1$d' resumes it (details in the log file)\n").formatted(execution));
				recover(fanout, execution);
			}
			case "UNKNOWN" -> {
				// A thread of the run that needed the repository meanwhile (the heartbeat) started another server, on
				// which the job's end was written, though its steps' ends could not be.
				assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCodes.FAILED);
				assertThat(lost.out()).as(lost.toString())
					.contains("the job repository could not record how a step ended")
					.contains("Recover it, then restart it: fanout recover %d, then fanout restart %1$d".formatted(execution))
					.doesNotContain("\tat ");
				recover(fanout, execution);
			}
			case "FAILED" -> {
				// A partition's write failed, and its step's end and the job's were written on another server.
				assertThat(lost.exitCode()).as(lost.toString()).isEqualTo(ExitCodes.FAILED);
				assertThat(lost.out()).as(lost.toString())
					.contains("Execution %d FAILED".formatted(execution))
					.contains("the connection to the job repository was lost")
					.contains("Restart it with: fanout restart " + execution)
					.doesNotContain("\tat ");
			}
			case "COMPLETED" -> {
				// No write was under way when the server died, and each after took a new connection (the pool checks
				// one idle for a while before it lends it), which started another server: nothing to restart.
				assertThat(lost.exitCode()).as(lost.toString()).isZero();
				assertThat(serversStarted(data)).as("a server started after the kill").contains(server.pid()).hasSize(2);
				assertThat(outputOf(lost)).isEqualTo(expected);
				return;
			}
			default -> throw new AssertionError("execution " + execution + " ended " + status + ": " + lost);
		}

		CommandResult restarted = fanout.run("restart", Long.toString(execution));
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(outputOf(restarted)).isEqualTo(expected);
	}

	private static void recover(FanoutProcess fanout, long execution) throws Exception {
		CommandResult recovered = fanout.run("recover", Long.toString(execution));
		assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
	}

	/** An operator reads warnings in the log as something to look into: a plain run gives none. */
	@Test
	void aRunThatGoesWellLogsNoWarning() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-quiet");
		FanoutProcess fanout = new FanoutProcess(data);

		for (String numbers : List.of("numbers=12,18", "numbers=30")) {
			CommandResult ok = fanout.run("run", "factorize", numbers);
			assertThat(ok.exitCode()).as(ok.toString()).isZero();
		}

		List<String> log = Files.readAllLines(data.resolve("logs/fanout.log"));
		assertThat(log).filteredOn((line) -> line.contains(" WARN ") || line.contains(" ERROR ")).isEmpty();
		assertThat(log).noneMatch((line) -> line.contains("Failed to set login timeout"));
	}

	@Test
	void stopFromAnotherProcessEndsTheRunStoppedAndRestartable() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-stop");
		FanoutProcess fanout = new FanoutProcess(data);
		String[] run = slowRun();

		FanoutProcess.Started started = fanout.start(run);
		long execution = started.awaitExecutionId(Duration.ofSeconds(90));
		Await.until("2 numbers factorized", Duration.ofSeconds(90), () -> workerWrites(data) >= 2);

		CommandResult stop = fanout.run("stop", Long.toString(execution));
		assertThat(stop.exitCode()).as(stop.toString()).isZero();
		CommandResult stopped = started.finish();
		assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.STOPPED);
		assertThat(stopped.out()).contains("Execution " + execution + " STOPPED").contains("fanout restart " + execution);
		assertThat(workerWrites(data)).as("stopped before the end").isLessThan(SLOW_NUMBERS.size());

		CommandResult restarted = fanout.run("restart", Long.toString(execution));
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(outputOf(restarted)).isEqualTo(dev.fanout.jobs.factorize.ExpectedCsvAccess.of(SLOW_NUMBERS));
	}

	private static String[] slowRun() {
		return new String[] { "run", "factorize", "--fanout.factorize.chunk-size=1", "algorithm=naive", "threads=2",
				"numbers=" + SLOW_NUMBERS.stream().map(String::valueOf).collect(Collectors.joining(",")) };
	}

	private static String outputOf(CommandResult result) throws Exception {
		String line = result.out().lines().filter((l) -> l.startsWith("Output: ")).findFirst().orElseThrow();
		return Files.readString(Path.of(line.substring("Output: ".length())));
	}

	/** The processes of the repository servers that runs in {@code data} started, in order. */
	private static List<Long> serversStarted(Path data) throws Exception {
		Pattern started = Pattern.compile("Started the repository server \\(process (\\d+)\\)");
		return Files.readAllLines(data.resolve("logs/fanout.log"))
			.stream()
			.map(started::matcher)
			.filter(Matcher::find)
			.map((matcher) -> Long.parseLong(matcher.group(1)))
			.toList();
	}

	/** Numbers the worker partitions of all executions committed. */
	private static long workerWrites(Path data) throws SQLException {
		return RepositoryQueries.queryLong(data, "select coalesce(sum(WRITE_COUNT), 0) from BATCH_STEP_EXECUTION "
				+ "where STEP_NAME like 'factorizeWorker:%'");
	}

}
