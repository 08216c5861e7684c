package dev.fanout;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A data directory that cannot be one, refused in one line by a real process: the logging system, the first to write
 * into it, printed its own error with a stack trace on the terminal, then each command failed in words of its own
 * (or, for {@code history}, listed nothing).
 */
@RunsBesideTheSuite
class DataDirectoryProcessTests {

	@Test
	void aDataDirectoryThatIsAFileIsRefusedInOneLineWithoutAStackTrace() throws Exception {
		Path file = Files.writeString(TestDataDirectories.fresh("DataDirectoryProcessTests").resolve("a-file"), "x");
		for (String command : List.of("jobs", "history", "repository")) {
			List<String> args = new ArrayList<>(ChildJvm.command());
			args.addAll(List.of("--fanout.data-dir=" + file, command));
			Process process = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
				.toFile())).start();
			String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
			String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
			assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

			assertThat(process.exitValue()).as(command).isEqualTo(ExitCodes.USAGE);
			assertThat(out).as(command).isEmpty();
			assertThat(err).as(command).isEqualTo("fanout: setting fanout.data-dir (env FANOUT_DATA_DIR) is '%s': "
					+ "expected a directory (it is a file)\n", file);
		}
	}

}
