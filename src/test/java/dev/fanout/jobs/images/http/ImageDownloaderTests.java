package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.fanout.Await;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImageDownloaderTests {

	private static final HttpSettings SETTINGS = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(10),
			64 * 1024, 3, Duration.ofMillis(1));

	/** For the tests that time out on purpose: nothing else in them can be slow. */
	private static final HttpSettings IMPATIENT = new HttpSettings(Duration.ofSeconds(5), Duration.ofMillis(300),
			64 * 1024, 3, Duration.ofMillis(1));

	private final ImageServer server = ImageServer.start(Duration.ZERO, Duration.ZERO);

	private final ImageDownloader downloader = new ImageDownloader(SETTINGS);

	private final byte[] jpeg = SampleImages.jpeg(160, 120, 1);

	@AfterEach
	void stop() {
		this.server.close();
		this.downloader.close();
	}

	@Test
	@ResourceLock(RunsBesideTheSuite.HTTP_CLIENT_THREADS) // counts every client's selector thread in this JVM
	void startsItsHttpClientOnlyWhenItFirstDownloads() throws Exception {
		this.server.serve("/a.jpg", this.jpeg, "image/jpeg");
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (ImageDownloader unused = new ImageDownloader(SETTINGS)) {
			assertThat(newSelectorThreads(before)).isEmpty();
		}
		try (ImageDownloader downloading = new ImageDownloader(SETTINGS)) {
			downloading.download(this.server.uri("/a.jpg"));
			assertThat(newSelectorThreads(before)).hasSize(1);
		}
	}

	/** The JDK HTTP client's selector threads started since {@code before}: one per client. */
	private static List<Thread> newSelectorThreads(Set<Thread> before) {
		return Thread.getAllStackTraces().keySet().stream()
			.filter((thread) -> !before.contains(thread) && thread.getName().matches("HttpClient-\\d+-SelectorManager"))
			.toList();
	}

	@Test
	void downloadsAnImage() throws Exception {
		this.server.serve("/a.jpg", this.jpeg, "image/jpeg");

		assertThat(this.downloader.download(this.server.uri("/a.jpg"))).isEqualTo(this.jpeg);
		assertThat(this.server.requests("/a.jpg")).isEqualTo(1);
	}

	@Test
	void rejectsAMissingImageAtOnceWithTheStatusAsReason() {
		assertRejected(this.server.uri("/missing.jpg"), "HTTP 404 Not Found");
		assertThat(this.server.requests("/missing.jpg")).isEqualTo(1);

		this.server.failTimes("/gone.jpg", 1, 410);
		assertRejected(this.server.uri("/gone.jpg"), "HTTP 410 Gone");
		this.server.failTimes("/secret.jpg", 1, 403);
		assertRejected(this.server.uri("/secret.jpg"), "HTTP 403 Forbidden");
	}

	@Test
	void retriesServerErrorsUntilTheImageComes() throws Exception {
		this.server.serve("/a.jpg", this.jpeg, "image/jpeg");
		this.server.failTimes("/a.jpg", 2, 500);

		assertThat(this.downloader.download(this.server.uri("/a.jpg"))).isEqualTo(this.jpeg);
		assertThat(this.server.requests("/a.jpg")).isEqualTo(3);
	}

	@Test
	void retriesTooManyRequestsAndRequestTimeout() throws Exception {
		this.server.serve("/a.jpg", this.jpeg, "image/jpeg");
		this.server.failTimes("/a.jpg", 1, 429);
		assertThat(this.downloader.download(this.server.uri("/a.jpg"))).isEqualTo(this.jpeg);

		this.server.failTimes("/a.jpg", 1, 408);
		assertThat(this.downloader.download(this.server.uri("/a.jpg"))).isEqualTo(this.jpeg);
		assertThat(this.server.requests("/a.jpg")).isEqualTo(4);
	}

	@Test
	void failsTheDownloadWhenTheServerStaysUnavailable() {
		URI uri = this.server.uri("/a.jpg");
		this.server.serve("/a.jpg", this.jpeg, "image/jpeg");
		this.server.failTimes("/a.jpg", 100, 503);

		assertThatExceptionOfType(DownloadFailedException.class).isThrownBy(() -> this.downloader.download(uri))
			.withMessage("download of %s: HTTP 503 Service Unavailable after 3 attempts", uri);
		assertThat(this.server.requests("/a.jpg")).isEqualTo(3);
	}

	@Test
	void retriesAResponseThatDoesNotComeWithinTheReadTimeoutThenFails() {
		URI uri = this.server.uri("/slow.jpg");
		this.server.serve("/slow.jpg", this.jpeg, "image/jpeg");
		this.server.stall("/slow.jpg", Duration.ofMinutes(1));

		try (ImageDownloader impatient = new ImageDownloader(IMPATIENT)) {
			assertThatExceptionOfType(DownloadFailedException.class).isThrownBy(() -> impatient.download(uri))
				.withMessageStartingWith("download of %s: ", uri)
				.withMessageContaining("timed out")
				.withMessageEndingWith(" after 3 attempts");
		}
		assertThat(this.server.requests("/slow.jpg")).isEqualTo(3);
	}

	@Test
	void timesOutABodyThatStopsHalfWay() {
		URI uri = this.server.uri("/stuck.jpg");
		this.server.serve("/stuck.jpg", this.jpeg, "image/jpeg");
		this.server.stallBody("/stuck.jpg", Duration.ofMinutes(1));

		try (ImageDownloader impatient = new ImageDownloader(IMPATIENT)) {
			assertThatExceptionOfType(DownloadFailedException.class).isThrownBy(() -> impatient.download(uri))
				.withMessage("download of %s: timed out (nothing received for 300 ms) after 3 attempts", uri);
		}
		assertThat(this.server.requests("/stuck.jpg")).isEqualTo(3);
	}

	@Test
	void retriesABodyCutShortOfItsContentLength() {
		URI uri = this.server.uri("/cut.jpg");
		this.server.serve("/cut.jpg", this.jpeg, "image/jpeg");
		this.server.cut("/cut.jpg");

		assertThatExceptionOfType(DownloadFailedException.class).isThrownBy(() -> this.downloader.download(uri))
			.withMessageStartingWith("download of %s: ", uri)
			.withMessageEndingWith(" after 3 attempts")
			.satisfies((ex) -> assertThat(ex.getCause()).isInstanceOf(IOException.class)
				.isNotInstanceOf(HttpTimeoutException.class));
		assertThat(this.server.requests("/cut.jpg")).isEqualTo(3);
	}

	@Test
	void rejectsABodyWhoseContentLengthIsOverTheLimitWithoutRetrying() {
		this.server.serve("/big.jpg", new byte[64 * 1024 + 1], "image/jpeg");

		assertRejected(this.server.uri("/big.jpg"), "larger than the 64 KiB limit");
		assertThat(this.server.requests("/big.jpg")).isEqualTo(1);
	}

	@Test
	@Timeout(value = 60, unit = TimeUnit.SECONDS) // a downloader that read to the end would never return
	void stopsReadingAnEndlessBodyAtTheLimit() {
		this.server.serveEndless("/endless.jpg", "image/jpeg");

		assertRejected(this.server.uri("/endless.jpg"), "larger than the 64 KiB limit");
		assertThat(this.server.requests("/endless.jpg")).isEqualTo(1);
	}

	@Test
	void acceptsABodyOfExactlyTheLimit() throws Exception {
		this.server.serve("/exact.jpg", new byte[64 * 1024], "image/jpeg");

		assertThat(this.downloader.download(this.server.uri("/exact.jpg"))).hasSize(64 * 1024);
	}

	@Test
	void stopsWaitingWhenItsThreadIsInterrupted() throws Exception {
		URI uri = this.server.uri("/slow.jpg");
		this.server.serve("/slow.jpg", this.jpeg, "image/jpeg");
		this.server.stall("/slow.jpg", Duration.ofMinutes(10));
		AtomicReference<Throwable> outcome = new AtomicReference<>();
		AtomicBoolean stillInterrupted = new AtomicBoolean();
		Thread worker = Thread.ofPlatform().start(() -> {
			try {
				this.downloader.download(uri);
			}
			catch (Throwable ex) {
				outcome.set(ex);
				stillInterrupted.set(Thread.currentThread().isInterrupted());
			}
		});
		Await.until("the request to arrive", Duration.ofSeconds(30), () -> this.server.requests("/slow.jpg") == 1);

		worker.interrupt();
		worker.join();

		assertThat(outcome.get()).isInstanceOf(DownloadFailedException.class)
			.hasMessage("download of %s: interrupted", uri);
		assertThat(stillInterrupted).isTrue();
		assertThat(this.server.requests("/slow.jpg")).isEqualTo(1);
	}

	@Test
	void rejectsUrlsThatAreNotHttp() {
		assertRejected(URI.create("ftp://example.org/a.jpg"), "not an http or https URL: ftp://example.org/a.jpg");
		assertRejected(URI.create("file:///etc/passwd"), "not an http or https URL: file:///etc/passwd");
		assertRejected(URI.create("images/a.jpg"), "not an http or https URL: images/a.jpg");
	}

	private void assertRejected(URI uri, String reason) {
		assertThatExceptionOfType(ImageRejectedException.class).isThrownBy(() -> this.downloader.download(uri))
			.withMessage(reason);
	}

}
