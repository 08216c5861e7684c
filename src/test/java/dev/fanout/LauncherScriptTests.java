package dev.fanout;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The fast launcher {@code src/main/sh/fanout} (copied to {@code target/fanout}) chooses the JIT per command: the
 * commands that run jobs keep the full JIT, the read commands start on C1. A stand-in {@code java} records how it was
 * called, so no JVM starts.
 */
class LauncherScriptTests {

	private static final String C1_ONLY = "-XX:TieredStopAtLevel=1";

	@ParameterizedTest
	@ValueSource(strings = { "run", "restart", "bench", "serve", "worker" })
	void commandsThatRunJobsKeepTheFullJit(String command) throws Exception {
		assertThat(launch(command)).doesNotContain(C1_ONLY).contains("-jar", command);
	}

	@ParameterizedTest
	@ValueSource(strings = { "history", "jobs", "show", "stop" })
	void readCommandsStartOnC1(String command) throws Exception {
		assertThat(launch(command)).contains(C1_ONLY, "-jar", command);
	}

	/** The arguments of the launcher's last call to java: the command's own JVM. */
	private static List<String> launch(String command) throws IOException, InterruptedException {
		Path root = TestDataDirectories.fresh("LauncherScriptTests-" + command);
		Path target = Files.createDirectories(root.resolve("target"));
		Files.copy(Path.of("src/main/sh/fanout"), target.resolve("fanout"));
		Files.writeString(target.resolve("fanout.jar"), "");
		Path jdk = Files.createDirectories(root.resolve("jdk/bin"));
		Files.writeString(root.resolve("jdk/release"), "JAVA_VERSION=\"25.0.1\"\n");
		Path calls = root.resolve("calls");
		Path java = jdk.resolve("java");
		Files.writeString(java, "#!/bin/sh\necho \"$*\" >> '" + calls + "'\n");
		Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

		ProcessBuilder builder = new ProcessBuilder("sh", target.resolve("fanout").toString(), command)
			.redirectErrorStream(true)
			.redirectOutput(ProcessBuilder.Redirect.DISCARD);
		builder.environment().put("FANOUT_JAVA", java.toString());
		builder.environment().remove("FANOUT_JIT");
		assertThat(builder.start().waitFor()).isZero();
		List<String> lines = Files.readAllLines(calls);
		return List.of(lines.get(lines.size() - 1).split(" "));
	}

}
