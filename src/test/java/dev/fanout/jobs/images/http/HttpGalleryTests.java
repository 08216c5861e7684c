package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class HttpGalleryTests {

	private static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
			1 << 20, 3, Duration.ofMillis(1));

	private final ImageServer server = ImageServer.start(Duration.ZERO, Duration.ZERO);

	private final ResizedImage image = new ResizedImage(SampleImages.jpeg(64, 48, 1), ImageFormat.JPEG,
			new Dimensions(64, 48));

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void putsAnImageUnderItsName() throws IOException {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.PUT, SETTINGS);

		gallery.upload("abc-64x48.jpg", this.image);

		assertThat(this.server.uploaded("abc-64x48.jpg")).hasValueSatisfying(
				(bytes) -> assertThat(bytes).isEqualTo(this.image.bytes()));
		assertThat(this.server.uploadedContentType("abc-64x48.jpg")).contains("image/jpeg");
		assertThat(this.server.requests("/gallery/abc-64x48.jpg")).isEqualTo(1);
		assertThat(gallery.location()).isEqualTo(this.server.galleryUri().toString());
	}

	@Test
	void postsAnImageAsAMultipartFilePartNamedAfterIt() throws IOException {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.POST, SETTINGS);

		gallery.upload("abc-64x48.jpg", this.image);

		assertThat(this.server.uploaded("abc-64x48.jpg")).hasValueSatisfying(
				(bytes) -> assertThat(bytes).isEqualTo(this.image.bytes()));
		assertThat(this.server.uploadedContentType("abc-64x48.jpg")).contains("image/jpeg");
		assertThat(this.server.requests("/gallery")).isEqualTo(1);
	}

	@Test
	void retriesServerErrorsAndTheImageArrivesOnce() throws IOException {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.PUT, SETTINGS);
		this.server.failUploads(2, 500);

		gallery.upload("abc-64x48.jpg", this.image);

		assertThat(this.server.requests("/gallery/abc-64x48.jpg")).isEqualTo(3);
		assertThat(this.server.uploadCounts()).isEqualTo(Map.of("abc-64x48.jpg", 1));
	}

	@Test
	void failsAtOnceOnAForbiddenUploadNamingTheUrlAndStatus() {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.POST, SETTINGS);
		this.server.failUploads(5, 403);

		assertThatIOException().isThrownBy(() -> gallery.upload("abc-64x48.jpg", this.image))
			.withMessage("upload of abc-64x48.jpg to %s: HTTP 403 Forbidden", this.server.galleryUri());
		assertThat(this.server.requests("/gallery")).isEqualTo(1);
		assertThat(this.server.uploadCounts()).isEmpty();
	}

	@Test
	void givesUpAfterItsAttemptsWhenTheServerStaysUnavailable() {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.PUT, SETTINGS);
		this.server.failUploads(100, 503);

		assertThatIOException().isThrownBy(() -> gallery.upload("abc-64x48.jpg", this.image))
			.withMessage("upload of abc-64x48.jpg to %s/abc-64x48.jpg: HTTP 503 Service Unavailable after 3 attempts",
					this.server.galleryUri());
		assertThat(this.server.requests("/gallery/abc-64x48.jpg")).isEqualTo(3);
	}

	@Test
	void retriesARefusedConnectionAndNamesTheCause() {
		URI closed;
		try (ImageServer stopped = ImageServer.start(Duration.ZERO, Duration.ZERO)) {
			closed = stopped.galleryUri();
		}
		HttpGallery gallery = new HttpGallery(closed, UploadMethod.PUT, SETTINGS);

		assertThatIOException().isThrownBy(() -> gallery.upload("abc-64x48.jpg", this.image))
			.withMessageStartingWith("upload of abc-64x48.jpg to %s/abc-64x48.jpg: connection refused", closed)
			.withMessageEndingWith("after 3 attempts");
	}

	@Test
	void tellsWhetherItContainsAName() throws IOException {
		HttpGallery gallery = new HttpGallery(this.server.galleryUri(), UploadMethod.PUT, SETTINGS);
		gallery.upload("abc-64x48.jpg", this.image);

		assertThat(gallery.contains("abc-64x48.jpg")).isTrue();
		assertThat(gallery.contains("def-64x48.jpg")).isFalse();
		assertThat(this.server.requests("/gallery/def-64x48.jpg")).isEqualTo(1);
	}

}
