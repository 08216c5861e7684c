package dev.fanout.jobs.images.bench;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/** Part (c)'s output check: the job's resized images against the plain loop's. */
class ImagesBenchCommandTests {

	@TempDir
	Path directory;

	@Test
	void outputsThatAreEqualButShortOfTheImagesFail() throws Exception {
		Path job = Files.createDirectories(this.directory.resolve("job"));
		Path loop = Files.createDirectories(this.directory.resolve("loop"));

		assertThatIllegalStateException().isThrownBy(() -> ImagesBenchCommand.checkResized(job, loop, 2))
			.withMessageContaining("wrote 0 resized images");

		Files.write(job.resolve("abc.jpg"), new byte[] { 1 });
		Files.write(loop.resolve("large-000.jpg"), new byte[] { 1 });
		assertThatIllegalStateException().isThrownBy(() -> ImagesBenchCommand.checkResized(job, loop, 2))
			.withMessageContaining("wrote 1 resized images");
	}

	@Test
	void theSameImagesUnderOtherNamesPassAndOtherBytesFail() throws Exception {
		Path job = Files.createDirectories(this.directory.resolve("job"));
		Path loop = Files.createDirectories(this.directory.resolve("loop"));
		Files.write(job.resolve("abc.jpg"), new byte[] { 1 });
		Files.write(job.resolve("def.jpg"), new byte[] { 2 });
		Files.write(loop.resolve("large-000.jpg"), new byte[] { 2 });
		Files.write(loop.resolve("large-001.jpg"), new byte[] { 1 });

		assertThatNoException().isThrownBy(() -> ImagesBenchCommand.checkResized(job, loop, 2));

		Files.write(loop.resolve("large-001.jpg"), new byte[] { 3 });
		assertThatIllegalStateException().isThrownBy(() -> ImagesBenchCommand.checkResized(job, loop, 2))
			.withMessageContaining("differ from the plain loop's");
	}

}
