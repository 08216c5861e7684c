package dev.fanout.openssl;

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
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/** An openssl run in a real JVM, killed with SIGKILL among its chains, recovered and restarted. */
class OpensslProcessTests {

	@Test
	void aKilledRunRestartsWithoutLosingOrDuplicatingAnyOutput() throws Exception {
		Path data = TestDataDirectories.fresh("OpensslProcessTests");
		Path password = OpensslTesting.passwordFile(data, "process-test-password");
		FanoutProcess fanout = new FanoutProcess(data);
		Path out = data.resolve("out/openssl/instance-1");
		String[] run = { "run", "openssl", "--fanout.openssl.password-file=" + password, "count=60", "size=4MiB",
				"parallelism=1" };

		FanoutProcess.Started started = fanout.start(run);
		Await.until("5 encrypted payloads", Duration.ofSeconds(90), () -> count(out, ".enc") >= 5);
		started.kill9();
		long killed = RepositoryQueries.lastExecutionId(data);
		assertThat(count(out, ".enc")).as("killed before the end").isLessThan(60);

		assertThat(fanout.run("recover", Long.toString(killed)).exitCode()).isZero();
		CommandResult restarted = fanout.run("restart", Long.toString(killed), "--fanout.openssl.password-file=" + password);

		assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
		List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
		assertThat(manifest).hasSize(61);
		for (int i = 1; i <= 60; i++) {
			String name = "payload-%02d".formatted(i);
			assertThat(manifest.get(i)).startsWith(name + ",4194304,").endsWith(",OK,");
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(out.resolve(name + ".enc")));
			assertThat(Files.readAllBytes(out.resolve(name + ".sha256"))).as(name).isEqualTo(digest);
		}
		assertThat(count(out, ".enc")).isEqualTo(60);
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
