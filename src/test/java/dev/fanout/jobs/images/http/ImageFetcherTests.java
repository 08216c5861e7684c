package dev.fanout.jobs.images.http;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.images.codec.ImageRejectedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageFetcherTests {

	private static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(5), 1024,
			1, Duration.ZERO);

	@TempDir
	Path temp;

	@Test
	void refusesAFileOfASourceInsideTheDataDirectoryThatALinkNowLeadsOutOf() throws Exception {
		Path data = Files.createDirectories(this.temp.resolve("data"));
		Path outside = Files.createDirectories(this.temp.resolve("outside"));
		Files.writeString(outside.resolve("secret.jpg"), "secret");
		// Listed at launch as data/in/secret.jpg; data/in is now a link to a directory outside.
		Files.createSymbolicLink(data.resolve("in"), outside);

		try (ImageFetcher fetcher = new ImageFetcher(new ImageDownloader(SETTINGS), 1024, data)) {
			assertThatExceptionOfType(ImageRejectedException.class)
				.isThrownBy(() -> fetcher.fetch(new ImageSource(0, data.resolve("in/secret.jpg").toString())))
				.withMessage("links outside the data directory");
		}
	}

	@Test
	void readsAFileOfASourceOutsideTheDataDirectoryWhereverItsLinkLeads() throws Exception {
		Path data = Files.createDirectories(this.temp.resolve("data"));
		Path photos = Files.createDirectories(this.temp.resolve("photos"));
		Path elsewhere = Files.writeString(Files.createDirectories(this.temp.resolve("elsewhere")).resolve("e.jpg"),
				"image");
		Files.createSymbolicLink(photos.resolve("e.jpg"), elsewhere);

		try (ImageFetcher fetcher = new ImageFetcher(new ImageDownloader(SETTINGS), 1024, data)) {
			assertThat(fetcher.fetch(new ImageSource(0, photos.resolve("e.jpg").toString()))).asString()
				.isEqualTo("image");
		}
	}

}
