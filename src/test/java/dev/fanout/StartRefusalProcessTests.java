package dev.fanout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts refused in one line by a real process, with nothing on standard output: before logging starts, Logback's
 * default configuration printed the failure's stack trace there.
 */
@RunsBesideTheSuite
class StartRefusalProcessTests {

	/** The logging system, the first to write into it, printed its own error with a stack trace on the terminal. */
	@Test
	void aDataDirectoryThatIsAFileIsRefusedInOneLineWithoutAStackTrace() throws Exception {
		Path file = Files.writeString(TestDataDirectories.fresh("StartRefusalProcessTests").resolve("a-file"), "x");
		for (String command : List.of("jobs", "history", "repository")) {
			CommandResult result = run("--fanout.data-dir=" + file, command);

			assertThat(result).as(command).isEqualTo(new CommandResult(ExitCodes.USAGE, "", ("fanout: setting "
					+ "fanout.data-dir (env FANOUT_DATA_DIR) is '%s': expected a directory (it is a file)\n")
				.formatted(file)));
		}
	}

	/** As an operator may leave config/application.yml while adding a schedule. */
	@Test
	void aConfigurationFileThatIsNotValidYamlIsRefusedInOneLineWithoutAStackTrace() throws Exception {
		Path data = TestDataDirectories.fresh("StartRefusalProcessTests-yaml");
		Path yaml = Files.writeString(data.resolveSibling("StartRefusalProcessTests-broken.yml"),
				"fanout:\n  schedules: [oops\n");
		for (String command : List.of("jobs", "history")) {
			CommandResult result = run("--fanout.data-dir=" + data, "--spring.config.additional-location=file:" + yaml,
					command);

			assertThat(result).as(command).isEqualTo(new CommandResult(ExitCodes.USAGE, "", "fanout: a configuration "
					+ "file (config/application.yml, or one that a spring.config.* setting names) is not valid YAML: "
					+ "expected ',' or ']', but got <stream end> at line 3, column 1 (while parsing a flow sequence "
					+ "that starts at line 2, column 14)\n"));
		}
	}

	private static CommandResult run(String... arguments) throws Exception {
		List<String> args = new ArrayList<>(ChildJvm.command());
		args.addAll(List.of(arguments));
		Path output = Files.createTempDirectory(TestDataDirectories.fresh("StartRefusalProcessTests-output"), "run");
		Process process = new ProcessBuilder(args).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null")
			.toFile()))
			.redirectOutput(output.resolve("out").toFile())
			.redirectError(output.resolve("err").toFile())
			.start();
		assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended").isTrue();
		return new CommandResult(process.exitValue(), Files.readString(output.resolve("out")),
				Files.readString(output.resolve("err")));
	}

}
