package dev.fanout.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.logging.DeferredLogs;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/** The samples come from the build's classes ({@code fanout/samples/}), copied there from the source tree's data/. */
class SampleInputsTests {

	private static final Path SOURCE_SAMPLES = Path.of("data");

	@TempDir
	Path temp;

	@Test
	void aDataDirectoryThatDoesNotExistYetGetsTheSamplesTheJobsDefaultsRead() throws IOException {
		Path data = this.temp.resolve("new/data");

		start(data);

		assertThat(files(data)).containsExactlyInAnyOrderElementsOf(samples());
		for (String sample : samples()) {
			assertThat(data.resolve(sample)).hasSameBinaryContentAs(SOURCE_SAMPLES.resolve(sample));
		}
	}

	@Test
	void anEmptyDataDirectoryGetsThemToo() throws IOException {
		Path data = Files.createDirectories(this.temp.resolve("created-by-the-service-manager"));

		start(data);

		assertThat(data.resolve("factorize/numbers.txt")).hasSameBinaryContentAs(
				SOURCE_SAMPLES.resolve("factorize/numbers.txt"));
	}

	@Test
	void oneWhereOnlyALogWasWrittenGetsThemToo() throws IOException {
		// A first 'history' writes its log there, and must not keep the samples from the first 'run'.
		Path data = Files.createDirectories(this.temp.resolve("data"));
		Files.writeString(Files.createDirectories(data.resolve("logs")).resolve("fanout.log"), "history\n");

		start(data);

		assertThat(data.resolve("life/glider.txt")).hasSameBinaryContentAs(SOURCE_SAMPLES.resolve("life/glider.txt"));
		assertThat(data.resolve("logs/fanout.log")).hasContent("history");
	}

	@Test
	void aDataDirectoryWithAnythingInItIsLeftAlone() throws IOException {
		Path data = Files.createDirectories(this.temp.resolve("operators"));
		Files.writeString(data.resolve("notes.txt"), "mine");

		start(data);

		assertThat(files(data)).containsExactly("notes.txt");
	}

	@Test
	void aDataDirectoryThatCannotBeCreatedIsLeftToTheCommandsWithoutFailingTheStart() throws IOException {
		Path file = Files.writeString(this.temp.resolve("a-file"), "not a directory");

		start(file.resolve("data"));

		assertThat(file).hasContent("not a directory");
	}

	private static void start(Path data) {
		new SampleInputs(new DeferredLogs()).postProcessEnvironment(
				new MockEnvironment().withProperty("fanout.data-dir", data.toString()), null);
	}

	/** The committed samples, as the build's resources list them (pom.xml). */
	private static List<String> samples() throws IOException {
		try (Stream<Path> paths = Files.walk(SOURCE_SAMPLES)) {
			return paths.filter(Files::isRegularFile)
				.map((path) -> SOURCE_SAMPLES.relativize(path).toString())
				.filter((path) -> path.equals("factorize/numbers.txt") || path.startsWith("images/in/")
						|| path.startsWith("life/") || path.startsWith("openssl/in/"))
				.toList();
		}
	}

	private static List<String> files(Path data) throws IOException {
		try (Stream<Path> paths = Files.walk(data)) {
			return paths.filter(Files::isRegularFile).map((path) -> data.relativize(path).toString()).toList();
		}
	}

}
