package dev.fanout.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.ListeningSockets;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Several Fanout processes on one data directory, as operators use them: the process that opened the repository
 * first ends (normally, SIGTERM, kill -9) while another runs a job, and that job completes; {@code stop} and
 * {@code history} keep working meanwhile from further processes. The repository's server listens on loopback only and
 * its files are private.
 */
@RunsBesideTheSuite
@Order(2) // the longest classes beside the suite first, so that none is left to run alone at its end
class RepositorySharingProcessTests {

	/** How the first process ends while the second runs. */
	enum FirstExit {

		/** It finishes normally: its job is stopped from a third process, and it exits with code 3. */
		NORMALLY,

		/** SIGTERM: it stops its job and exits. */
		SIGTERM,

		/** kill -9: no chance to clean up. */
		KILL_9

	}

	@ParameterizedTest
	@EnumSource(FirstExit.class)
	void aJobCompletesWhenTheProcessThatOpenedTheRepositoryFirstEnds(FirstExit exit) throws Exception {
		Path data = TestDataDirectories.fresh("RepositorySharingProcessTests-" + exit);
		FanoutProcess fanout = new FanoutProcess(data);
		// The first job never ends by itself: it is stopped, terminated or killed, however slow this machine is.
		FanoutProcess.Started first = fanout.start(sensors(100_000));
		long firstId = first.awaitExecutionId(Duration.ofSeconds(90));
		long server = ServerRecord.read(RepositoryFiles.of(data)).orElseThrow().pid();
		// Long enough to outlive a third process's start (stop, history) where there is one.
		int readings = (exit == FirstExit.NORMALLY) ? 300 : 60;
		FanoutProcess.Started second = fanout.start(sensors(readings));
		long secondId = second.awaitExecutionId(Duration.ofSeconds(90));

		switch (exit) {
			case NORMALLY -> {
				CommandResult stop = fanout.run("stop", Long.toString(firstId));
				assertThat(stop.exitCode()).as(stop.toString()).isZero();
				assertThat(first.finish().exitCode()).isEqualTo(3);
			}
			case SIGTERM -> {
				first.terminate();
				assertThat(first.finish().exitCode()).isEqualTo(3);
			}
			case KILL_9 -> first.kill9();
		}
		assertThat(second.isAlive()).as("the second job still runs when the first process has ended").isTrue();
		if (exit == FirstExit.NORMALLY) {
			CommandResult history = fanout.run("history");
			assertThat(history.exitCode()).as(history.toString()).isZero();
			// Running, unless this machine was slow enough for it to end meanwhile: what matters is that history works
			// while the first process has gone and the second still uses the repository.
			assertThat(history.out()).containsPattern("(?m)^\\s+" + secondId + "\\s+sensors\\s+(STARTED|COMPLETED)");
		}

		CommandResult completed = second.finish();
		assertThat(completed.exitCode()).as(completed.toString()).isZero();
		assertThat(completed.out()).contains("expected %d found %1$d".formatted(2 * readings));
		assertThat(RepositoryQueries.status(data, secondId)).isEqualTo("COMPLETED");
		assertThat(ServerRecord.read(RepositoryFiles.of(data)).orElseThrow().pid())
			.as("one server all along, owned by no command").isEqualTo(server);
	}

	@Test
	void theServerListensOnLoopbackOnlyTheCommandsNowhereAndTheFilesArePrivate() throws Exception {
		Path data = TestDataDirectories.fresh("RepositorySharingProcessTests-sockets");
		FanoutProcess.Started run = new FanoutProcess(data).start(sensors(40));
		run.awaitExecutionId(Duration.ofSeconds(90));
		ServerRecord server = ServerRecord.read(RepositoryFiles.of(data)).orElseThrow();

		List<String> serverSockets = ListeningSockets.of(server.pid());
		assertThat(serverSockets).containsExactly("127.0.0.1:" + server.port());
		assertThat(ListeningSockets.of(run.process().pid())).as("the run command listens on nothing").isEmpty();
		Path repository = data.resolve("repository");
		assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(repository))).isEqualTo("rwx------");
		try (Stream<Path> files = Files.list(repository)) {
			assertThat(files.filter(Files::isRegularFile).toList()).isNotEmpty()
				.allSatisfy((file) -> assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file)))
					.as(file.toString())
					.isEqualTo("rw-------"));
		}
		assertThat(run.finish().exitCode()).isZero();
	}

	@Test
	void aLargeRunsRepositoryShrinksAfterAPruneWhenItsServerStops() throws Exception {
		Path data = TestDataDirectories.fresh("RepositorySharingProcessTests-prune");
		Files.write(data.resolve("numbers.txt"), LongStream.range(0, 20_000).mapToObj((n) -> Long.toString(1000 + n))
			.toList());
		FanoutProcess fanout = new FanoutProcess(data);
		CommandResult run = fanout.run("run", "factorize", "file=numbers.txt", "threads=2");
		assertThat(run.exitCode()).as(run.toString()).isZero();
		long large = Files.size(RepositoryFiles.of(data).databaseFile());

		CommandResult prune = fanout.run("prune", "--older-than", "0s");
		assertThat(prune.exitCode()).as(prune.toString()).isZero();
		assertThat(prune.out()).contains("Deleted 1 instance (1 execution)");
		// The server may already be gone when the prune command returns; it deletes its record before it compacts, so
		// its log, not its record, says when the compaction has ended.
		Await.until("the server compacting as it stops once the prune has ended", Duration.ofSeconds(60),
				() -> Files.readString(RepositoryFiles.of(data).serverLog()).contains("closed; compacted"));

		long compacted = Files.size(RepositoryFiles.of(data).databaseFile());
		assertThat(compacted).as("compacted from %,d bytes", large).isLessThan(large / 10);
		assertThat(fanout.run("history").out()).contains("No executions yet.");
	}

	/** sensors=2, {@code readings} each at 50 ms: 20 readings a second. */
	private static String[] sensors(int readings) {
		return new String[] { "run", "sensors", "sensors=2", "readings=" + readings, "readLatency=50ms",
				"--fanout.sensors.chunk-size=5" };
	}

}
