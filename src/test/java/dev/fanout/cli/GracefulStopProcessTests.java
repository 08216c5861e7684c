package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.StoppedRun;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import dev.fanout.jobs.factorize.ExpectedCsvAccess;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIGTERM in the middle of a real run: the job stops at its next chunk boundary, ends STOPPED with consistent steps
 * and exit code 3, and restarts to the same output as an uninterrupted run; a second restart launched while the
 * first runs is refused, naming the running execution, and the instance runs once. A second signal exits at once and leaves an orphan that automatic recovery restarts.
 */
@RunsBesideTheSuite
@Order(3) // the longest classes beside the suite first, so that none is left to run alone at its end
class GracefulStopProcessTests {

	/**
	 * 16 naive factorizations of 0.8-1.2 billion, one per chunk on 2 workers, ~2 s each on this 2-core machine: the
	 * restart left after the stop works for ~13 s, several times what a second JVM takes to start and be refused (2-4 s
	 * with the children's AOT cache; a loaded machine slows the first restart as much), so the second restart is sure
	 * to be launched while the first runs.
	 */
	private static final List<Long> NUMBERS = new Random(6).longs(16, 800_000_000, 1_200_000_000).boxed().toList();

	@Test
	void sigtermStopsAtAChunkBoundaryAndARestartWhileTheFirstRunsIsRefused() throws Exception {
		Path data = TestDataDirectories.fresh("GracefulStopProcessTests-factorize");
		FanoutProcess fanout = new FanoutProcess(data);

		FanoutProcess.Started started = fanout.start("run", "factorize", "--fanout.factorize.chunk-size=1",
				"algorithm=naive", "threads=2", "numbers=" + NUMBERS.stream().map(String::valueOf).collect(Collectors.joining(",")));
		Await.until("2 committed chunks", Duration.ofSeconds(90), () -> workerWrites(data) >= 2);
		started.terminate();
		long stopped = StoppedRun.assertStoppedCleanly(data, started.finish());
		assertThat(workerWrites(data)).as("stopped before the end").isLessThan(NUMBERS.size());

		FanoutProcess.Started first = fanout.start("restart", Long.toString(stopped));
		long restarted = first.awaitExecutionId(Duration.ofSeconds(90));
		// The second restart starts only once the first has its execution and runs it: the two overlap for sure, and
		// the refusal must say the first runs. Started one after the other, they would get "is not the last of its
		// instance" instead, which proves nothing about concurrent restarts.
		CommandResult refused = fanout.start("restart", Long.toString(stopped)).finish();
		assertThat(first.isAlive()).as("the first restart still runs when the second has been refused").isTrue();
		CommandResult completed = first.finish();

		assertThat(completed.exitCode()).as(completed.toString()).isZero();
		assertThat(completed.executionId()).isEqualTo(restarted);
		assertThat(refused.exitCode()).as(refused.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(refused.err()).startsWith("fanout: ")
			.contains("execution %d of this factorize instance is still running".formatted(restarted))
			.doesNotContain("Exception");
		assertThat(RepositoryQueries.queryLong(data, "select count(*) from BATCH_JOB_EXECUTION"))
			.as("the stopped execution and one restart").isEqualTo(2);
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
