package dev.fanout.launch;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.function.LongPredicate;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The CLI as operators run it: separate JVMs, real exit codes, a stop from another process, and kill -9 in the middle
 * of a run. The repository is watched over H2's auto-server connection while the job runs.
 */
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

	@Test
	void committedChunksSurviveKill9AndTheRestartRedoesNothingCommitted() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-kill");
		FanoutProcess fanout = new FanoutProcess(data);
		String[] run = slowRun();

		FanoutProcess.Started started = fanout.start(run);
		long seen = awaitWorkerWrites(data, (written) -> written >= 4);
		started.kill9();

		long committed = workerWrites(data, "");
		assertThat(committed).as("every chunk seen committed before kill -9 is still there").isGreaterThanOrEqualTo(seen);
		long execution = lastExecutionId(data);
		assertThat(status(data, execution)).isEqualTo("STARTED");

		CommandResult blocked = fanout.run(run);
		assertThat(blocked.exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(blocked.err()).contains("recover " + execution);

		assertThat(fanout.run("recover", Long.toString(execution)).exitCode()).isZero();
		CommandResult restarted = fanout.run("restart", Long.toString(execution));
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();

		long redone = workerReads(data, "and e.JOB_EXECUTION_ID = " + lastExecutionId(data));
		assertThat(redone).as("the restart reads only what was not committed").isEqualTo(SLOW_NUMBERS.size() - committed);
		assertThat(outputOf(restarted)).isEqualTo(dev.fanout.factorize.ExpectedCsvAccess.of(SLOW_NUMBERS));
	}

	@Test
	void stopFromAnotherProcessEndsTheRunStoppedAndRestartable() throws Exception {
		Path data = TestDataDirectories.fresh("FanoutProcessTests-stop");
		FanoutProcess fanout = new FanoutProcess(data);
		String[] run = slowRun();

		FanoutProcess.Started started = fanout.start(run);
		awaitWorkerWrites(data, (written) -> written >= 2);
		long execution = lastExecutionId(data);

		CommandResult stop = fanout.run("stop", Long.toString(execution));
		assertThat(stop.exitCode()).as(stop.toString()).isZero();
		CommandResult stopped = started.finish();
		assertThat(stopped.exitCode()).as(stopped.toString()).isEqualTo(ExitCodes.STOPPED);
		assertThat(stopped.out()).contains("Execution " + execution + " STOPPED").contains("fanout restart " + execution);
		assertThat(workerWrites(data, "")).as("stopped before the end").isLessThan(SLOW_NUMBERS.size());

		CommandResult restarted = fanout.run("restart", Long.toString(execution));
		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(outputOf(restarted)).isEqualTo(dev.fanout.factorize.ExpectedCsvAccess.of(SLOW_NUMBERS));
	}

	private static String[] slowRun() {
		return new String[] { "run", "factorize", "--fanout.factorize.chunk-size=1", "algorithm=naive", "threads=2",
				"numbers=" + SLOW_NUMBERS.stream().map(String::valueOf).collect(Collectors.joining(",")) };
	}

	private static String outputOf(CommandResult result) throws Exception {
		String line = result.out().lines().filter((l) -> l.startsWith("Output: ")).findFirst().orElseThrow();
		return Files.readString(Path.of(line.substring("Output: ".length())));
	}

	/** Polls the running process's repository until the committed worker writes satisfy the condition. */
	private static long awaitWorkerWrites(Path data, LongPredicate condition) throws Exception {
		Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
		while (Instant.now().isBefore(deadline)) {
			long written = workerWrites(data, "");
			if (condition.test(written)) {
				return written;
			}
			Thread.onSpinWait();
		}
		throw new AssertionError("the job made no progress within 90 s");
	}

	private static long workerWrites(Path data, String where) throws SQLException {
		return workerSum(data, "WRITE_COUNT", where);
	}

	private static long workerReads(Path data, String where) throws SQLException {
		return workerSum(data, "READ_COUNT", where);
	}

	/** A count summed over the worker partitions of all executions, or of those the condition selects. */
	private static long workerSum(Path data, String column, String where) throws SQLException {
		return queryLong(data, "select coalesce(sum(s." + column + "), 0) from BATCH_STEP_EXECUTION s "
				+ "join BATCH_JOB_EXECUTION e on e.JOB_EXECUTION_ID = s.JOB_EXECUTION_ID "
				+ "where s.STEP_NAME like 'factorizeWorker:%' " + where);
	}

	private static long lastExecutionId(Path data) throws SQLException {
		return RepositoryQueries.lastExecutionId(data);
	}

	private static String status(Path data, long execution) throws SQLException {
		return RepositoryQueries.status(data, execution);
	}

	private static long queryLong(Path data, String sql) throws SQLException {
		return RepositoryQueries.queryLong(data, sql);
	}

}
