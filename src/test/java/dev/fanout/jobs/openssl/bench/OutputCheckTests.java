package dev.fanout.jobs.openssl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.openssl.OpensslTesting;
import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

class OutputCheckTests {

	private static final List<String> NAMES = List.of("payload-0", "payload-1", "payload-2");

	private final OpensslTool tool = OpensslTool.probe("openssl", "aes-256-cbc", "sha256");

	private final Secret secret = new Secret("FANOUT_CHECK_TEST_PASSWORD", "check-secret");

	@TempDir
	Path directory;

	private Path input;

	private Path output;

	@BeforeEach
	void encryptEachPayloadAsTheChainsDo() throws Exception {
		this.input = Files.createDirectories(this.directory.resolve("in"));
		this.output = Files.createDirectories(this.directory.resolve("out"));
		for (int i = 0; i < NAMES.size(); i++) {
			String name = NAMES.get(i);
			// Payloads of one size: a swapped ciphertext has the right size, only its content is wrong.
			Path payload = Files.write(this.input.resolve(name), OpensslTesting.randomBytes(40_000, i));
			ProcessBuilder encrypt = new ProcessBuilder(this.tool.encryptCommand(this.secret.variable()))
				.redirectInput(payload.toFile())
				.redirectOutput(this.output.resolve(name + ".enc").toFile());
			encrypt.environment().put(this.secret.variable(), this.secret.value());
			if (encrypt.start().waitFor() != 0) {
				throw new IllegalStateException("openssl enc failed");
			}
			Files.write(this.output.resolve(name + ".sha256"),
					MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(this.output.resolve(name + ".enc"))));
		}
	}

	@Test
	void outputsThatDecryptToTheirPayloadsPass() throws Exception {
		OutputCheck check = new OutputCheck(this.input, NAMES, this.tool, this.secret);

		assertThatNoException().isThrownBy(() -> check.check(this.output, "the job's"));
	}

	@Test
	void aCiphertextOfAnotherPayloadFailsTheCheckEvenWithItsDigest() throws Exception {
		OutputCheck check = new OutputCheck(this.input, NAMES, this.tool, this.secret);
		// payload-1's and payload-2's outputs swapped, each digest file still matching the ciphertext beside it.
		swap("payload-1.enc", "payload-2.enc");
		swap("payload-1.sha256", "payload-2.sha256");

		assertThatIllegalStateException().isThrownBy(() -> check.check(this.output, "the job's"))
			.withMessageContaining("the job's")
			.withMessageContaining("payload-1.enc does not decrypt to its payload");
	}

	@Test
	void aCiphertextUnderAnotherPasswordFailsTheCheck() throws Exception {
		OutputCheck check = new OutputCheck(this.input, NAMES, this.tool,
				new Secret(this.secret.variable(), "another-secret"));

		assertThatIllegalStateException().isThrownBy(() -> check.check(this.output, "the shell's"))
			.withMessageContaining("payload-0.enc does not decrypt to its payload");
	}

	private void swap(String first, String second) throws Exception {
		Path a = this.output.resolve(first);
		Path b = this.output.resolve(second);
		Path aside = this.output.resolve("aside");
		Files.move(a, aside);
		Files.move(b, a);
		Files.move(aside, b);
	}

}
