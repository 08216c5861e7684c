package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.fanout.Await;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

class ImageServerTests {

	private final ImageServer server = ImageServer.start(Duration.ZERO, Duration.ZERO);

	private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

	@AfterEach
	void stop() {
		this.server.close(); // first: it ends the stalls that the client's close would wait for
		this.client.close();
	}

	@Test
	void servesBodiesAndAnswers404ForUnknownPaths() throws Exception {
		this.server.serve("a.png", bytes("png"), "image/png");

		HttpResponse<byte[]> found = get(this.server.uri("/a.png"));
		HttpResponse<byte[]> missing = get(this.server.uri("/b.png"));

		assertThat(found.statusCode()).isEqualTo(200);
		assertThat(found.body()).isEqualTo(bytes("png"));
		assertThat(found.headers().firstValue("Content-Type")).contains("image/png");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(this.server.requests("/a.png")).isEqualTo(1);
		assertThat(this.server.requests("b.png")).isEqualTo(1);
		assertThat(this.server.requests("/c.png")).isZero();
	}

	@Test
	void failsAPathTheGivenNumberOfTimesThenServesIt() throws Exception {
		this.server.serve("/a.png", bytes("png"), "image/png");
		this.server.failTimes("/a.png", 2, 503);

		assertThat(List.of(get(this.server.uri("/a.png")).statusCode(), get(this.server.uri("/a.png")).statusCode(),
				get(this.server.uri("/a.png")).statusCode()))
			.containsExactly(503, 503, 200);
	}

	@Test
	void cutsABodyShortOfItsContentLength() {
		this.server.serve("/a.png", bytes("a body that will not arrive whole"), "image/png");
		this.server.cut("/a.png");

		assertThatIOException().isThrownBy(() -> get(this.server.uri("/a.png")));
	}

	@Test
	void answersRequestsConcurrentlyWhileSomeAreStalled() throws Exception {
		this.server.serve("/slow.png", bytes("png"), "image/png");
		this.server.stall("/slow.png", Duration.ofMinutes(10));
		List<CompletableFuture<HttpResponse<byte[]>>> stalled = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			stalled.add(this.client.sendAsync(HttpRequest.newBuilder(this.server.uri("/slow.png")).build(),
					HttpResponse.BodyHandlers.ofByteArray()));
		}

		// Each handler counts its request before stalling: 20 counted means 20 handlers waiting at once.
		Await.until("20 stalled requests in progress", Duration.ofSeconds(30),
				() -> this.server.requests("/slow.png") == 20);
		assertThat(get(this.server.uri("/other.png")).statusCode()).isEqualTo(404);
		assertThat(stalled).noneMatch(CompletableFuture::isDone);
	}

	@Test
	void storesPutAndMultipartUploadsAndCountsThem() throws Exception {
		URI gallery = this.server.galleryUri();
		HttpResponse<byte[]> put = send(HttpRequest.newBuilder(URI.create(gallery + "/a-1x1.png"))
			.header("Content-Type", "image/png")
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes("first"))));
		// As curl -F 'title=x' -F 'file=@a-1x1.png' sends it, with a quoted boundary.
		String body = "--XyZ\r\nContent-Disposition: form-data; name=\"title\"\r\n\r\nx\r\n"
				+ "--XyZ\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a-1x1.png\"\r\n"
				+ "Content-Type: image/png\r\n\r\nsecond\r\n--XyZ--\r\n";
		HttpResponse<byte[]> post = send(HttpRequest.newBuilder(gallery)
			.header("Content-Type", "multipart/form-data; boundary=\"XyZ\"")
			.POST(HttpRequest.BodyPublishers.ofString(body)));

		assertThat(put.statusCode()).isEqualTo(201);
		assertThat(post.statusCode()).isEqualTo(201);
		assertThat(this.server.uploaded("a-1x1.png")).hasValueSatisfying((bytes) -> assertThat(bytes)
			.isEqualTo(bytes("second")));
		assertThat(this.server.uploadCounts()).isEqualTo(Map.of("a-1x1.png", 2));
		assertThat(head(gallery + "/a-1x1.png")).isEqualTo(200);
		assertThat(head(gallery + "/b-1x1.png")).isEqualTo(404);
	}

	@Test
	void failsUploadsTheGivenNumberOfTimesWithoutStoringThem() throws Exception {
		this.server.failUploads(1, 429);
		HttpRequest.Builder put = HttpRequest.newBuilder(URI.create(this.server.galleryUri() + "/a-1x1.png"))
			.PUT(HttpRequest.BodyPublishers.ofByteArray(bytes("png")));

		assertThat(send(put).statusCode()).isEqualTo(429);
		assertThat(this.server.uploadCounts()).isEmpty();
		assertThat(send(put).statusCode()).isEqualTo(201);
		assertThat(this.server.uploadCounts()).isEqualTo(Map.of("a-1x1.png", 1));
	}

	@Test
	void refusesAMultipartPostWithoutAFilePart() throws Exception {
		HttpResponse<byte[]> post = send(HttpRequest.newBuilder(this.server.galleryUri())
			.header("Content-Type", "multipart/form-data; boundary=b")
			.POST(HttpRequest.BodyPublishers.ofString("--b\r\nContent-Disposition: form-data; name=\"other\"\r\n\r\n"
					+ "x\r\n--b--\r\n")));

		assertThat(post.statusCode()).isEqualTo(400);
		assertThat(this.server.uploadCounts()).isEmpty();
	}

	private HttpResponse<byte[]> get(URI uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(uri));
	}

	private int head(String uri) throws IOException, InterruptedException {
		return send(HttpRequest.newBuilder(URI.create(uri)).method("HEAD", HttpRequest.BodyPublishers.noBody()))
			.statusCode();
	}

	private HttpResponse<byte[]> send(HttpRequest.Builder request) throws IOException, InterruptedException {
		return this.client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
	}

	private static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

}
