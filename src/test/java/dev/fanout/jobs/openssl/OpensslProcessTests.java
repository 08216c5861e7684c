package dev.fanout.jobs.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.StoppedRun;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/** An openssl run in a real JVM, killed with SIGKILL or stopped with SIGTERM among its chains, then restarted. */
@RunsBesideTheSuite
class OpensslProcessTests {

	@Test
	void sigtermStopsTheChainsWithinACommitIntervalAndTheRestartRunsOnlyTheRest() throws Exception {
		Path data = TestDataDirectories.fresh("OpensslProcessTests-sigterm");
		Path password = OpensslTesting.passwordFile(data, "process-test-password");
		FanoutProcess fanout = new FanoutProcess(data);
		Path out = data.resolve("out/openssl/instance-1");

		FanoutProcess.Started started = fanout.start("run", "openssl", "--fanout.openssl.password-file=" + password,
				"count=40", "size=4MiB", "parallelism=1");
		Await.until("3 encrypted payloads", Duration.ofSeconds(90), () -> count(out, ".enc") >= 3);
		started.terminate();
		long stopped = StoppedRun.assertStoppedCleanly(data, started.finish());
		long done = RepositoryQueries.queryLong(data,
				"select READ_COUNT from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = " + stopped);
		assertThat(done).as("stopped before the end").isLessThan(40);

		CommandResult restarted = fanout.run("restart", Long.toString(stopped), "--fanout.openssl.password-file=" + password);

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		assertThat(restarted.out()).as("the counts include the chains of the stopped execution")
			.containsPattern("(?m)^40 encrypted$");
		assertThat(RepositoryQueries.queryLong(data, "select READ_COUNT from BATCH_STEP_EXECUTION where "
				+ "JOB_EXECUTION_ID = " + RepositoryQueries.lastExecutionId(data)))
			.as("the restart runs only the chains not committed")
			.isEqualTo(40 - done);
		List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
		assertThat(manifest).hasSize(41).allSatisfy((row) -> assertThat(row).doesNotContain("FAILED"));
		for (int i = 1; i <= 40; i++) {
			String name = "payload-%02d".formatted(i);
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(name + ".enc")));
			assertThat(Files.readAllBytes(out.resolve(name + ".sha256"))).as(name).isEqualTo(digest);
		}
		assertThat(count(out, ".tmp")).as("no half-written output").isZero();
	}

	private static long count(Path directory, String suffix) throws Exception {
		if (!Files.isDirectory(directory)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter((f) -> f.getFileName().toString().endsWith(suffix)).count();
		}
	}

}
