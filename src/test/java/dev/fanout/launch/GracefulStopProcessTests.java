package dev.fanout.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.StoppedRun;
import dev.fanout.TestDataDirectories;
import dev.fanout.factorize.ExpectedCsvAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of a real run: the job stops at its next chunk boundary, ends STOPPED with consistent steps
 * and exit code 3, and restarts to the same output as an uninterrupted run; two restarts of it at the same moment
 * run it once. A second signal exits at once and leaves an orphan that automatic recovery restarts.
 */
class GracefulStopProcessTests {

	/** 16 naive factorizations of 100-150 million, about 0.3 s each here, one per chunk on 2 workers. */
	private static final List<Long> NUMBERS = new Random(6).longs(16, 100_000_000, 150_000_000).boxed().toList();

	@Test
	void sigtermStopsAtAChunkBoundaryAndExactlyOneOfTwoSimultaneousRestartsRuns() throws Exception {
		Path data = TestDataDirectories.fresh("GracefulStopProcessTests-factorize");
		FanoutProcess fanout = new FanoutProcess(data);

		FanoutProcess.Started started = fanout.start("run", "factorize", "--fanout.factorize.chunk-size=1",
				"algorithm=naive", "threads=2", "numbers=" + NUMBERS.stream().map(String::valueOf).collect(Collectors.joining(",")));
		Await.until("2 committed chunks", Duration.ofSeconds(90), () -> workerWrites(data) >= 2);
		started.terminate();
		long stopped = StoppedRun.assertStoppedCleanly(data, started.finish());
		assertThat(workerWrites(data)).as("stopped before the end").isLessThan(NUMBERS.size());

		FanoutProcess.Started first = fanout.start("restart", Long.toString(stopped));
		FanoutProcess.Started second = fanout.start("restart", Long.toString(stopped));
		List<CommandResult> results = List.of(first.finish(), second.finish());

		assertThat(results).extracting(CommandResult::exitCode).containsExactlyInAnyOrder(0, ExitCodes.CONFLICT);
		CommandResult refused = results.stream().filter((r) -> r.exitCode() != 0).findFirst().orElseThrow();
		// Refused while the other restart runs, or, when it started late on a loaded machine, after it completed.
		assertThat(refused.err()).startsWith("fanout: ").containsPattern("running|under way|same moment|is not the last of its instance")
			.doesNotContain("Exception");
		assertThat(RepositoryQueries.queryLong(data, "select count(*) from BATCH_JOB_EXECUTION"))
			.as("the stopped execution and one restart").isEqualTo(2);
		CommandResult completed = results.stream().filter((r) -> r.exitCode() == 0).findFirst().orElseThrow();
		String output = completed.out().lines().filter((l) -> l.startsWith("Output: ")).findFirst().orElseThrow();
		assertThat(Files.readString(Path.of(output.substring("Output: ".length()))))
			.isEqualTo(ExpectedCsvAccess.of(NUMBERS));
	}

	@Test
	void aSecondSignalExitsAtOnceAndAutomaticRecoveryRestartsTheOrphan() throws Exception {
		Path data = TestDataDirectories.fresh("GracefulStopProcessTests-second-signal");
		FanoutProcess fanout = new FanoutProcess(data);
		// Every reading blocks 1 s and a chunk holds all 3: no boundary for 3 s after the first signal.
		String[] run = { "run", "sensors", "sensors=2", "readings=3", "readLatency=1s", "--fanout.sensors.chunk-size=3" };

		FanoutProcess.Started started = fanout.start(run);
		Await.until("sensor workers started", Duration.ofSeconds(90),
				() -> RepositoryQueries.queryLong(data, "select count(*) from BATCH_STEP_EXECUTION "
						+ "where STEP_NAME like 'sensorsWorker:%'") == 2);
		started.terminate();
		// Two SIGTERMs sent together would merge into one pending signal: wait until the first was handled.
		Await.until("the first signal handled", Duration.ofSeconds(30),
				() -> Files.readString(started.err()).contains("stopping at the next boundary"));
		started.terminate();
		CommandResult halted = started.finish();
		assertThat(halted.exitCode()).as(halted.toString()).isEqualTo(128 + 15);
		assertThat(halted.err()).contains("exiting now").contains("recover --orphans");
		long orphan = RepositoryQueries.lastExecutionId(data);

		CommandResult recovered = fanout.run(concat(run, "--fanout.recovery.auto=true"));

		assertThat(recovered.exitCode()).as(recovered.toString()).isZero();
		assertThat(recovered.err()).contains("Recovered orphaned execution " + orphan).contains("is gone");
		assertThat(recovered.out()).contains("expected 6 found 6");
	}

	private static String[] concat(String[] args, String extra) {
		String[] all = java.util.Arrays.copyOf(args, args.length + 1);
		all[args.length] = extra;
		return all;
	}

	private static long workerWrites(Path data) throws Exception {
		return RepositoryQueries.queryLong(data,
				"select coalesce(sum(WRITE_COUNT), 0) from BATCH_STEP_EXECUTION where STEP_NAME like 'factorizeWorker:%'");
	}

}
