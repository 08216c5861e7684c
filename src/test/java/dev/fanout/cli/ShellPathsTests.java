package dev.fanout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.DescribedJob;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.ParameterValues;
import dev.fanout.core.CommandFailure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Input files on the command line: the file the shell user means, stored as its absolute path. */
class ShellPathsTests {

	private static final JobDescription<ParameterValues> JOB = new DescribedJob("reads", "reads a file",
			new JobParameterDescription("file", "in/default.txt", "the input").asInputFile(),
			new JobParameterDescription("label", null, "not a file"));

	@TempDir
	Path root;

	/**
	 * Stored as given, {@code file=numbers.txt} named each data directory's own file as one instance: with two data
	 * directories on one repository, the second's run was refused as completed by the first's.
	 */
	@Test
	void aFileFoundInTheDataDirectoryIsStoredAsItsAbsolutePath() throws IOException {
		Path work = Files.createDirectories(this.root.resolve("work"));
		Path data = Files.createDirectories(this.root.resolve("data"));
		Files.writeString(data.resolve("numbers.txt"), "12\n");

		assertThat(ShellPaths.resolve(JOB, List.of("file=numbers.txt", "label=numbers.txt"), work, data))
			.containsExactly("file=" + data.resolve("numbers.txt"), "label=numbers.txt");
		Files.createDirectories(data.resolve("sub"));
		assertThat(ShellPaths.resolve(JOB, List.of("file=./sub/../numbers.txt"), work, data)).as("normalized")
			.containsExactly("file=" + data.resolve("numbers.txt"));
	}

	@Test
	void theWorkingDirectoryComesFirstAndAnAbsolutePathIsKept() throws IOException {
		Path work = Files.createDirectories(this.root.resolve("work"));
		Path data = Files.createDirectories(this.root.resolve("data"));
		Files.writeString(data.resolve("numbers.txt"), "12\n");
		Files.writeString(work.resolve("numbers.txt"), "13\n");

		assertThat(ShellPaths.resolve(JOB, List.of("file=numbers.txt"), work, data))
			.containsExactly("file=" + work.resolve("numbers.txt"));
		assertThat(ShellPaths.resolve(JOB, List.of("file=" + data.resolve("numbers.txt")), work, data))
			.containsExactly("file=" + data.resolve("numbers.txt"));
	}

	@Test
	void aFileInNeitherDirectoryIsRefusedNamingBoth() throws IOException {
		Path work = Files.createDirectories(this.root.resolve("work"));
		Path data = Files.createDirectories(this.root.resolve("data"));

		assertThatExceptionOfType(CommandFailure.class)
			.isThrownBy(() -> ShellPaths.resolve(JOB, List.of("file=missing.txt"), work, data))
			.withMessage("file=missing.txt: no such file or directory in the working directory (%s) nor in the data "
					+ "directory (%s)",
					work, data);
	}

}
