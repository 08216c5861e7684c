package dev.fanout.jobs.images.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;

class MultipartTests {

	@Test
	void encodesOneFilePartAsRfc7578Says() {
		byte[] body = Multipart.encode("B",
				new Multipart.Part("file", "a-1x1.jpg", "image/jpeg", "JPEG".getBytes(StandardCharsets.US_ASCII)));

		assertThat(new String(body, StandardCharsets.US_ASCII))
			.isEqualTo("--B\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a-1x1.jpg\"\r\n"
					+ "Content-Type: image/jpeg\r\n\r\nJPEG\r\n--B--\r\n");
		assertThat(Multipart.contentType("B")).isEqualTo("multipart/form-data; boundary=B");
	}

	@Test
	void parsesTheNamedPartBackWithBinaryContent() {
		byte[] content = SampleImages.png(20, 10, 1); // binary, with CR and LF bytes in it
		String boundary = Multipart.newBoundary();
		byte[] body = Multipart.encode(boundary, new Multipart.Part("file", "x-20x10.png", "image/png", content));

		assertThat(Multipart.parse(Multipart.contentType(boundary), body, "file")).hasValueSatisfying((part) -> {
			assertThat(part.filename()).isEqualTo("x-20x10.png");
			assertThat(part.contentType()).isEqualTo("image/png");
			assertThat(part.content()).isEqualTo(content);
		});
		assertThat(Multipart.parse(Multipart.contentType(boundary), body, "other")).isEmpty();
		assertThat(Multipart.parse("image/png", body, "file")).isEmpty();
	}

}
