package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.codec.ResizedImage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DirectoryGalleryTests {

	@TempDir
	Path root;

	@Test
	void createsItsDirectoryWithTheFirstImageAndStoresImagesUnderTheirNames() throws IOException {
		Path directory = this.root.resolve("out/gallery");
		DirectoryGallery gallery = new DirectoryGallery(directory, this.root);
		assertThat(gallery.contains("a-1x1.png")).isFalse();
		assertThat(directory).doesNotExist();

		gallery.upload("a-1x1.png", image("first"));

		assertThat(directory).isDirectory();
		assertThat(gallery.contains("a-1x1.png")).isTrue();
		assertThat(gallery.contains("b-1x1.png")).isFalse();
		assertThat(directory.resolve("a-1x1.png")).hasBinaryContent(bytes("first"));
		assertThat(gallery.location()).isEqualTo(directory.toAbsolutePath().toString());
	}

	@Test
	void replacesAnImageWholeAndLeavesNoTemporaryFiles() throws IOException {
		DirectoryGallery gallery = new DirectoryGallery(this.root, this.root);
		gallery.upload("a-1x1.png", image("a much longer first version"));

		gallery.upload("a-1x1.png", image("second"));

		assertThat(this.root.resolve("a-1x1.png")).hasBinaryContent(bytes("second"));
		assertThat(files()).containsExactly("a-1x1.png");
	}

	@Test
	void doesNotCountAnUnfinishedTemporaryFileAsContained() throws IOException {
		DirectoryGallery gallery = new DirectoryGallery(this.root, this.root);
		// What a crash during a write leaves behind (AtomicFiles' temporary file).
		Files.write(this.root.resolve(".a-1x1.png.0b1c.tmp"), bytes("half"));

		assertThat(gallery.contains("a-1x1.png")).isFalse();
	}

	@Test
	void concurrentUploadsOfOneNameLeaveOneCompleteVersion() throws Exception {
		DirectoryGallery gallery = new DirectoryGallery(this.root, this.root);
		List<byte[]> versions = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			versions.add(bytes(Integer.toString(i).repeat(10_000 + i)));
		}
		List<Future<?>> uploads = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
			for (byte[] version : versions) {
				uploads.add(pool.submit(() -> {
					gallery.upload("same-1x1.png", new ResizedImage(version, ImageFormat.PNG, new Dimensions(1, 1)));
					return null;
				}));
			}
		}
		for (Future<?> upload : uploads) {
			upload.get();
		}

		assertThat(versions).anySatisfy((version) -> assertThat(this.root.resolve("same-1x1.png"))
			.hasBinaryContent(version));
		assertThat(files()).containsExactly("same-1x1.png");
	}

	@Test
	void refusesNamesThatWouldLeaveItsDirectory() {
		DirectoryGallery gallery = new DirectoryGallery(this.root.resolve("gallery"), this.root);

		assertThatIllegalArgumentException().isThrownBy(() -> gallery.upload("../escaped.png", image("x")));
		assertThat(this.root.resolve("escaped.png")).doesNotExist();
	}

	@Test
	void refusesToWriteThroughALinkPutInPlaceAfterItWasChecked() throws IOException {
		Path data = Files.createDirectories(this.root.resolve("data"));
		Path outside = Files.createDirectories(this.root.resolve("outside"));
		Path directory = data.resolve("out/gallery/instance-1");
		DirectoryGallery gallery = new DirectoryGallery(directory, data);
		gallery.upload("a-1x1.png", image("inside"));
		// Between two uploads, the instance's directory becomes a link to a folder outside the data directory.
		Files.delete(directory.resolve("a-1x1.png"));
		Files.delete(directory);
		Files.createSymbolicLink(directory, outside);

		assertThatIllegalStateException().isThrownBy(() -> gallery.upload("b-1x1.png", image("escaped")))
			.withMessageStartingWith(directory + " leads to " + outside.toRealPath() + ", outside the data directory");
		assertThat(outside).isEmptyDirectory();
	}

	private List<String> files() throws IOException {
		try (Stream<Path> files = Files.list(this.root)) {
			return files.map((file) -> file.getFileName().toString()).toList();
		}
	}

	private static ResizedImage image(String content) {
		return new ResizedImage(bytes(content), ImageFormat.PNG, new Dimensions(1, 1));
	}

	private static byte[] bytes(String content) {
		return content.getBytes(StandardCharsets.UTF_8);
	}

}
