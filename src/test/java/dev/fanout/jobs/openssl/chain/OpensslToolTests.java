package dev.fanout.jobs.openssl.chain;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.Await;
import dev.fanout.core.Processes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/** The probe of the openssl binary ends within its timeout whatever the binary does, and leaves no process behind. */
class OpensslToolTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(1);

	/** Far above the probe's timeout: only a probe that waits past its timeout takes as long. */
	private static final Duration BOUND = Duration.ofSeconds(20);

	@TempDir
	Path directory;

	@Test
	void aBinaryThatHangsHoldingItsOutputOpenIsRefusedWithinTheTimeoutAndKilledWithItsChildren() throws Exception {
		// A wrapper whose child keeps standard output open: a read of the output to its end never returns.
		Path hanging = script("hangs", """
				#!/bin/sh
				sleep 600 &
				echo $! > '%s'
				wait
				""");

		assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
				() -> OpensslTool.probe(hanging.toString(), "aes-256-cbc", "sha256", TIMEOUT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessage("%s did not answer within 1s (stopped it); check that it is openssl, or set "
					+ "fanout.openssl.binary to its path", hanging));
		assertGone(this.directory.resolve("hangs.pid"));
	}

	@Test
	void aBinaryThatListsButHangsOnTheCheckIsRefusedWithinTheTimeoutAndKilledWithItsChildren() throws Exception {
		Path hanging = script("checks", """
				#!/bin/sh
				if [ "$2" = -list ]; then exec openssl "$@"; fi
				sleep 600 &
				echo $! > '%s'
				wait
				""");

		assertTimeoutPreemptively(BOUND, () -> assertThatThrownBy(
				() -> OpensslTool.probe(hanging.toString(), "aes-256-cbc", "sha256", TIMEOUT))
			.isInstanceOf(IllegalArgumentException.class)
			.hasMessageContaining("did not answer within 1s (stopped it)"));
		assertGone(this.directory.resolve("checks.pid"));
	}

	@Test
	void theRealOpensslPasses() {
		OpensslTool tool = OpensslTool.probe("openssl", "aes-256-cbc", "sha256", Duration.ofSeconds(10));

		assertThat(tool.cipherLegacy()).isFalse();
		assertThat(tool.digestLegacy()).isFalse();
	}

	/** An executable script that writes the pid of the child it leaves running into {@code <name>.pid}. */
	private Path script(String name, String text) throws Exception {
		Path script = Files.writeString(this.directory.resolve(name),
				text.formatted(this.directory.resolve(name + ".pid")), StandardCharsets.UTF_8);
		Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
		return script;
	}

	private static void assertGone(Path pidFile) throws Exception {
		long child = Long.parseLong(Files.readString(pidFile).strip());
		// Killed by the probe (SIGKILL, asynchronous): gone once the kernel has delivered it and init reaped it.
		Await.until("the hanging child " + child + " killed", Duration.ofSeconds(10),
				() -> Processes.running(child).isEmpty());
	}

}
