package dev.fanout.jobs.openssl.chain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.core.Processes;
import dev.fanout.jobs.openssl.OpensslTesting;

import static org.assertj.core.api.Assertions.assertThat;

class EncryptHashChainTests {

	private static final String PASSWORD = "chain-secret";

	@TempDir
	Path directory;

	private final EncryptHashChain chain = new EncryptHashChain(OpensslTool.probe("openssl", "aes-256-cbc", "sha256"),
			new Secret("FANOUT_CHAIN_TEST_PASSWORD", PASSWORD));

	@Test
	void encryptsAndHashesTheCiphertext() throws Exception {
		Path input = Files.write(this.directory.resolve("in.bin"), OpensslTesting.randomBytes(300_000, 1));
		Path cipher = this.directory.resolve("out/in.bin.enc");
		Path digest = this.directory.resolve("out/in.bin.sha256");

		ChainResult result = this.chain.run("in.bin", input, cipher, digest, Duration.ofSeconds(30));

		assertThat(result.status()).as(result.problem()).isEqualTo(ChainResult.Status.OK);
		assertThat(OpensslTesting.decrypt(cipher, PASSWORD)).isEqualTo(Files.readAllBytes(input));
		assertThat(HexFormat.of().formatHex(Files.readAllBytes(digest))).isEqualTo(sha256(cipher));
		assertThat(result.digestHex()).isEqualTo(sha256(cipher));
		assertThat(EncryptHashChain.temporary(cipher)).doesNotExist();
	}

	@Test
	void aKilledAttemptStillWritingCannotReachTheNextAttemptsOutput() throws Exception {
		Path input = Files.write(this.directory.resolve("in.bin"), OpensslTesting.randomBytes(100_000, 2));
		Path cipher = this.directory.resolve("out/in.bin.enc");
		Path digest = this.directory.resolve("out/in.bin.sha256");
		Files.createDirectories(cipher.getParent());
		// What the tee of a chain whose JVM was killed holds: its temporary file, open for writing.
		try (FileChannel orphan = FileChannel.open(EncryptHashChain.temporary(cipher), StandardOpenOption.CREATE,
				StandardOpenOption.WRITE)) {
			ChainResult result = this.chain.run("in.bin", input, cipher, digest, Duration.ofSeconds(30));
			assertThat(result.status()).as(result.problem()).isEqualTo(ChainResult.Status.OK);
			String written = sha256(cipher);

			byte[] otherSalt = new byte[4096];
			Arrays.fill(otherSalt, (byte) 0x5a);
			orphan.write(ByteBuffer.wrap(otherSalt), 0);
			orphan.force(true);

			assertThat(sha256(cipher)).as("the output's digest after the orphan wrote on").isEqualTo(written);
		}
		assertThat(OpensslTesting.decrypt(cipher, PASSWORD)).isEqualTo(Files.readAllBytes(input));
	}

	@Test
	void aChainSeenToEndAfterItsTimeoutTimedOutThoughItsProcessesHadAllExited() throws Exception {
		Path input = Files.write(this.directory.resolve("in.bin"), OpensslTesting.randomBytes(1_000, 3));
		Path cipher = this.directory.resolve("out/in.bin.enc");
		Path digest = this.directory.resolve("out/in.bin.sha256");
		// The thread that waits for the chain is held up (a pause of the JVM, a loaded machine) until the chain's
		// processes have all exited: while it waits for them its clock stands still far before the deadline, so it
		// sees them end; then it reads the real time, long past the 1 ms timeout.
		AtomicInteger readings = new AtomicInteger();
		long[] start = new long[1];
		LongSupplier heldUp = () -> {
			int reading = readings.incrementAndGet();
			if (reading == 1) {
				start[0] = System.nanoTime();
				return start[0];
			}
			return (reading <= 4) ? start[0] - Duration.ofMinutes(1).toNanos() : System.nanoTime();
		};
		EncryptHashChain chain = new EncryptHashChain(OpensslTool.probe("openssl", "aes-256-cbc", "sha256"),
				new Secret("FANOUT_CHAIN_TEST_PASSWORD", PASSWORD), heldUp);

		ChainResult result = chain.run("in.bin", input, cipher, digest, Duration.ofMillis(1));

		assertThat(result.status()).as(result.problem()).isEqualTo(ChainResult.Status.TIMED_OUT);
		assertThat(result.problem()).matches("ran \\d+\\.\\d ms, longer than the timeout of 1ms");
		assertThat(result.duration()).isGreaterThan(Duration.ofMillis(1));
		assertThat(result.exitCodes()).containsExactly(0, 0, 0);
		assertThat(cipher).doesNotExist();
		assertThat(digest).doesNotExist();
		assertThat(EncryptHashChain.temporary(cipher)).doesNotExist();
	}

	@Test
	void theOpensslProcessesGetNoSecretOfTheJvmAndOnlyEncGetsThePassword() throws Exception {
		// Set by the build (pom.xml, surefire) in this JVM's environment, as FANOUT_OPERATOR_PASSWORD is in serve's.
		assertThat(System.getenv()).as("the build's secret variable").containsKey("FANOUT_TEST_INHERITED_PASSWORD");
		// One file per process: enc and dgst run at once, and their records in one file could interleave.
		Path environments = Files.createDirectory(this.directory.resolve("environments"));
		Path recording = Files.writeString(this.directory.resolve("openssl"), """
				#!/bin/sh
				{ echo "$1 $2"; env | grep -i password; } > "$(mktemp '%s/process.XXXXXX')"
				exec openssl "$@"
				""".formatted(environments), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(recording, PosixFilePermissions.fromString("rwx------"));
		EncryptHashChain chain = new EncryptHashChain(OpensslTool.probe(recording.toString(), "aes-256-cbc", "sha256"),
				new Secret("FANOUT_CHAIN_TEST_PASSWORD", PASSWORD));
		Path input = Files.write(this.directory.resolve("in.bin"), OpensslTesting.randomBytes(1_000, 4));

		ChainResult result = chain.run("in.bin", input, this.directory.resolve("out/in.bin.enc"),
				this.directory.resolve("out/in.bin.sha256"), Duration.ofSeconds(30));

		assertThat(result.status()).as(result.problem()).isEqualTo(ChainResult.Status.OK);
		assertThat(recorded(environments)).as("each process: its command, its secrets")
			.contains("enc -aes-256-cbc\nFANOUT_CHAIN_TEST_PASSWORD=" + PASSWORD, "dgst -sha256")
			.contains("enc -list", "dgst -list")
			.noneMatch((process) -> process.contains("FANOUT_TEST_INHERITED_PASSWORD"));
	}

	@Test
	void aTimedOutChainEndsTheProcessesItsStagesStartedThoughTheStagesThemselvesHonourSigterm() throws Exception {
		// enc is a wrapper that SIGTERM ends at once; the child it started ignores SIGTERM (inherited by the exec).
		Path pidFile = this.directory.resolve("child.pid");
		Path wrapper = Files.writeString(this.directory.resolve("openssl"), """
				#!/bin/sh
				if [ "$1" = enc ]; then
					sh -c "trap '' TERM; exec sleep 600" &
					echo $! > '%1$s.tmp'; mv '%1$s.tmp' '%1$s'
					wait
				fi
				exec openssl "$@"
				""".formatted(pidFile), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(wrapper, PosixFilePermissions.fromString("rwx------"));
		EncryptHashChain chain = new EncryptHashChain(new OpensslTool(wrapper.toString(), "aes-256-cbc", false,
				"sha256", false), new Secret("FANOUT_CHAIN_TEST_PASSWORD", PASSWORD));
		Path input = Files.write(this.directory.resolve("in.bin"), OpensslTesting.randomBytes(1_000, 5));
		long child = -1;
		try {
			ChainResult result = chain.run("in.bin", input, this.directory.resolve("out/in.bin.enc"),
					this.directory.resolve("out/in.bin.sha256"), Duration.ofSeconds(2));

			assertThat(result.status()).as(result.problem()).isEqualTo(ChainResult.Status.TIMED_OUT);
			assertThat(pidFile).as("the wrapper's child started").exists();
			child = Long.parseLong(Files.readString(pidFile).strip());
			assertThat(Processes.running(child)).as("the child that ignores SIGTERM (pid %d)", child).isEmpty();
		}
		finally {
			ProcessHandle.of(child).ifPresent(ProcessHandle::destroyForcibly);
		}
	}

	private static List<String> recorded(Path environments) throws IOException {
		try (Stream<Path> records = Files.list(environments)) {
			return records.map((record) -> {
				try {
					return Files.readString(record).strip();
				}
				catch (IOException ex) {
					throw new UncheckedIOException(ex);
				}
			}).toList();
		}
	}

	private static String sha256(Path file) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
	}

}
