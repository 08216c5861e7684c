package dev.fanout.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIOException;

class AtomicFilesTests {

	@TempDir
	Path directory;

	@Test
	void writesTheContent() throws IOException {
		Path target = this.directory.resolve("result.csv");

		AtomicFiles.write(target, (writer) -> {
			writer.write("12,6,1 2 3 4 6 12");
			writer.newLine();
			writer.write("7,2,1 7 ü");
			writer.newLine();
		});

		assertThat(Files.readString(target, StandardCharsets.UTF_8))
			.isEqualTo("12,6,1 2 3 4 6 12" + System.lineSeparator() + "7,2,1 7 ü" + System.lineSeparator());
		assertThat(fileNames()).containsExactly("result.csv");
	}

	@Test
	void writesAnEmptyFile() throws IOException {
		Path target = this.directory.resolve("empty.csv");

		AtomicFiles.write(target, (writer) -> {
		});

		assertThat(target).isRegularFile().isEmptyFile();
		assertThat(fileNames()).containsExactly("empty.csv");
	}

	@Test
	void createsMissingParentDirectories() throws IOException {
		Path target = this.directory.resolve("out").resolve("factorize").resolve("result.csv");

		AtomicFiles.write(target, (writer) -> writer.write("done"));

		assertThat(target).hasContent("done");
	}

	@Test
	void replacesAnExistingFile() throws IOException {
		Path target = this.directory.resolve("result.csv");
		Files.writeString(target, "old content that is longer than the new content\n");

		AtomicFiles.write(target, (writer) -> writer.write("new"));

		assertThat(Files.readString(target)).isEqualTo("new");
		assertThat(fileNames()).containsExactly("result.csv");
	}

	@Test
	void keepsThePreviousContentWhenWritingFails() throws IOException {
		Path target = this.directory.resolve("result.csv");
		Files.writeString(target, "previous\n");

		assertThatIOException().isThrownBy(() -> AtomicFiles.write(target, (writer) -> {
			writer.write("partial line that must never be seen");
			writer.newLine();
			writer.flush();
			assertThat(temporaryFiles()).as("content goes to a temporary file first").isNotEmpty();
			assertThat(Files.readString(target)).isEqualTo("previous\n");
			throw new IOException("disk full");
		})).withMessage("disk full");

		assertThat(Files.readString(target)).isEqualTo("previous\n");
		assertThat(fileNames()).containsExactly("result.csv");
	}

	@Test
	void createsNoFileWhenWritingFailsAndThereWasNone() throws IOException {
		Path target = this.directory.resolve("result.csv");

		assertThatIOException().isThrownBy(() -> AtomicFiles.write(target, (writer) -> {
			writer.write("partial");
			writer.flush();
			throw new IOException("disk full");
		})).withMessage("disk full");

		assertThat(target).doesNotExist();
		assertThat(fileNames()).isEmpty();
	}

	@Test
	void removesTheTemporaryFileWhenTheContentThrowsAnUncheckedException() throws IOException {
		Path target = this.directory.resolve("result.csv");
		Files.writeString(target, "previous\n");

		assertThatExceptionOfType(UncheckedIOException.class).isThrownBy(() -> AtomicFiles.write(target, (writer) -> {
			writer.write("partial");
			throw new UncheckedIOException(new IOException("broken"));
		}));

		assertThat(Files.readString(target)).isEqualTo("previous\n");
		assertThat(fileNames()).containsExactly("result.csv");
	}

	@Test
	void leavesNothingBehindAfterManyWrites() throws IOException {
		Path target = this.directory.resolve("result.csv");
		for (int i = 0; i < 20; i++) {
			String content = "version " + i;
			AtomicFiles.write(target, (writer) -> writer.write(content));
		}

		assertThat(Files.readString(target)).isEqualTo("version 19");
		assertThat(fileNames()).containsExactly("result.csv");
	}

	@Test
	void failsAndCleansUpWhenTheTargetIsANonEmptyDirectory() throws IOException {
		Path target = Files.createDirectories(this.directory.resolve("result.csv"));
		Files.writeString(target.resolve("inner.txt"), "keep");

		assertThatIOException().isThrownBy(() -> AtomicFiles.write(target, (writer) -> writer.write("new")));

		assertThat(target.resolve("inner.txt")).hasContent("keep");
		assertThat(fileNames()).containsExactly("result.csv");
	}

	private List<String> fileNames() throws IOException {
		try (Stream<Path> files = Files.list(this.directory)) {
			return files.map((file) -> file.getFileName().toString()).sorted().toList();
		}
	}

	private List<String> temporaryFiles() throws IOException {
		return fileNames().stream().filter((name) -> name.endsWith(".tmp")).toList();
	}

}
