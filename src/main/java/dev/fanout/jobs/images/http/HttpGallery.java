package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * A gallery behind HTTP: {@code PUT <base>/<name>} or a multipart {@code POST <base>}, and {@code HEAD <base>/<name>}
 * for {@link #contains}. Transient failures (I/O errors and timeouts, 5xx, 408, 429) are retried with exponential
 * backoff; when retries run out, or on another 4xx, an IOException names the URL and the status.
 * <p>
 * Thread-safe: immutable apart from the shared {@link HttpClient}, which is thread-safe.
 */
public final class HttpGallery implements Gallery, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(HttpGallery.class);

	private final URI base;

	private final UploadMethod method;

	private final HttpSettings settings;

	private final HttpClient client;

	public HttpGallery(URI base, UploadMethod method, HttpSettings settings) {
		if (!HttpClients.isHttp(base)) {
			throw new IllegalArgumentException("the gallery URL must be an absolute http(s) URL, not " + base);
		}
		String text = base.toString();
		this.base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
		this.method = method;
		this.settings = settings;
		this.client = HttpClients.create(settings);
	}

	@Override
	public boolean contains(String name) throws IOException {
		URI uri = imageUri(name);
		HttpRequest request = request(uri).method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
		int status = exchange("check of " + name + " at " + uri, request, true);
		return status != 404 && status != 410;
	}

	@Override
	public void upload(String name, ResizedImage image) throws IOException {
		HttpRequest request;
		URI uri;
		if (this.method == UploadMethod.PUT) {
			uri = imageUri(name);
			request = request(uri).header("Content-Type", image.format().mediaType())
				.PUT(HttpRequest.BodyPublishers.ofByteArray(image.bytes()))
				.build();
		}
		else {
			uri = this.base;
			String boundary = Multipart.newBoundary();
			byte[] body = Multipart.encode(boundary,
					new Multipart.Part("file", name, image.format().mediaType(), image.bytes()));
			request = request(uri).header("Content-Type", Multipart.contentType(boundary))
				.POST(HttpRequest.BodyPublishers.ofByteArray(body))
				.build();
		}
		exchange("upload of " + name + " to " + uri, request, false);
	}

	@Override
	public String location() {
		return this.base.toString();
	}

	@Override
	public void close() {
		this.client.close();
	}

	private URI imageUri(String name) {
		return URI.create(this.base + "/" + GalleryName.requireSafe(name));
	}

	private HttpRequest.Builder request(URI uri) {
		return HttpRequest.newBuilder(uri).timeout(this.settings.readTimeout());
	}

	/**
	 * Sends the request until it gets a final answer: the 2xx status (or 404/410 when {@code absentIsAnswer}), or an
	 * IOException "{what}: HTTP 403 Forbidden" / "{what}: HTTP 503 Service Unavailable after 3 attempts".
	 */
	private int exchange(String what, HttpRequest request, boolean absentIsAnswer) throws IOException {
		String failure = null;
		IOException cause = null;
		for (int attempt = 1; attempt <= this.settings.attempts(); attempt++) {
			if (attempt > 1 && !Transience.pause(this.settings, attempt)) {
				throw new InterruptedIOException(what + ": interrupted before attempt " + attempt);
			}
			int status;
			try {
				status = this.client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new InterruptedIOException(what + ": interrupted");
			}
			catch (IOException ex) {
				// Every I/O failure of an exchange is transient: timeouts, refused or reset connections.
				failure = Transience.describe(ex);
				cause = ex;
				logger.debug("{}: {} (attempt {} of {})", what, failure, attempt, this.settings.attempts());
				continue;
			}
			if ((status >= 200 && status < 300) || (absentIsAnswer && (status == 404 || status == 410))) {
				return status;
			}
			if (!Transience.isTransient(status)) {
				throw new IOException(what + ": " + Responses.describe(status));
			}
			failure = Responses.describe(status);
			cause = null;
			logger.debug("{}: {} (attempt {} of {})", what, failure, attempt, this.settings.attempts());
		}
		throw new IOException("%s: %s after %d attempts".formatted(what, failure, this.settings.attempts()), cause);
	}

}
