package dev.fanout.jobs.openssl.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The shell reference of {@code bench openssl}, run by bash with the real openssl. */
class ShellChainsTests {

	private static final Secret SECRET = new Secret("FANOUT_TEST_PASSWORD", "a password");

	private final OpensslTool tool = OpensslTool.probe("openssl", OutputCheck.CIPHER, "sha256");

	@TempDir
	Path directory;

	@Test
	void runsEveryChainOnceAcrossItsLanes() throws Exception {
		List<String> names = payloads(7);
		Path script = this.directory.resolve("chains.sh");
		Path output = Files.createDirectories(this.directory.resolve("out"));
		ShellChains.write(script, this.tool, SECRET, this.directory.resolve("in"), output, names, 3);

		OpensslBenchCommand.shell(script, output, SECRET);

		List<String> expected = new ArrayList<>();
		names.forEach((name) -> expected.addAll(List.of(name + ".enc", name + ".sha256")));
		assertThat(files(output)).containsExactlyInAnyOrderElementsOf(expected);
		assertThat(Files.readString(script)).as("three lanes").containsOnlyOnce("lane2=$!").doesNotContain("lane3");
	}

	@Test
	void aChainThatFailsFailsTheScriptWhileTheOtherLanesFinish() throws Exception {
		List<String> names = payloads(4);
		Files.delete(this.directory.resolve("in/payload-1")); // enc's input is missing: the first command fails
		Path script = this.directory.resolve("chains.sh");
		Path output = Files.createDirectories(this.directory.resolve("out"));
		ShellChains.write(script, this.tool, SECRET, this.directory.resolve("in"), output, names, 2);

		assertThatIllegalStateException().isThrownBy(() -> OpensslBenchCommand.shell(script, output, SECRET))
			.withMessageStartingWith("the shell reference failed (exit 1)");
		assertThat(files(output)).as("the other lane, and the rest of the failing one")
			.contains("payload-0.enc", "payload-2.enc", "payload-3.enc");
	}

	private List<String> payloads(int count) throws Exception {
		Path input = Files.createDirectories(this.directory.resolve("in"));
		List<String> names = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			names.add("payload-" + i);
			Files.writeString(input.resolve("payload-" + i), "payload " + i);
		}
		return names;
	}

	private static List<String> files(Path directory) throws Exception {
		try (Stream<Path> files = Files.list(directory)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

}
