package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import com.sun.net.httpserver.HttpExchange;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ImageServer}'s gallery: stores PUT and multipart POST uploads by name, answers HEAD and GET.
 * <p>
 * Thread safety: handlers run concurrently; the stored uploads and counts are concurrent maps (values immutable or
 * atomic), the planned failures an atomic reference. An upload is stored before its count is incremented, and both
 * before the response is sent, so a client that got its answer sees both.
 */
final class GalleryEndpoint {

	static final String PATH = "/gallery";

	private static final Logger logger = LoggerFactory.getLogger(GalleryEndpoint.class);

	private final Duration latency;

	private final CountDownLatch closed;

	private final Consumer<String> requestCounter;

	private final Map<String, Upload> uploads = new ConcurrentHashMap<>();

	private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();

	private final AtomicReference<Failures> failures = new AtomicReference<>(new Failures(0, 500));

	GalleryEndpoint(Duration latency, CountDownLatch closed, Consumer<String> requestCounter) {
		this.latency = latency;
		this.closed = closed;
		this.requestCounter = requestCounter;
	}

	void failUploads(Failures planned) {
		this.failures.set(planned);
	}

	Map<String, Integer> uploadCounts() {
		return this.counts.entrySet()
			.stream()
			.collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, (entry) -> entry.getValue().get()));
	}

	Optional<byte[]> uploaded(String name) {
		return Optional.ofNullable(this.uploads.get(name)).map((upload) -> upload.bytes().clone());
	}

	Optional<String> uploadedContentType(String name) {
		return Optional.ofNullable(this.uploads.get(name)).map(Upload::contentType);
	}

	void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		String method = exchange.getRequestMethod();
		try (exchange) {
			this.requestCounter.accept(path);
			byte[] body = exchange.getRequestBody().readAllBytes(); // read before any answer, even a failure
			if (!Waits.await(this.closed, this.latency)) {
				return;
			}
			String name = path.startsWith(PATH + "/") ? path.substring(PATH.length() + 1) : "";
			boolean upload = (method.equals("PUT") && !name.isEmpty()) || (method.equals("POST") && name.isEmpty());
			Failures planned = this.failures.get();
			if (upload && planned.take()) {
				Responses.send(exchange, planned.status(), Responses.reason(planned.status()), "text/plain");
			}
			else if (upload && method.equals("PUT")) {
				store(exchange, name, new Upload(body, exchange.getRequestHeaders().getFirst("Content-Type")));
			}
			else if (upload) {
				Optional<Multipart.Part> file = Multipart.parse(exchange.getRequestHeaders().getFirst("Content-Type"),
						body, "file");
				if (file.isEmpty() || file.get().filename() == null || file.get().filename().isEmpty()) {
					Responses.send(exchange, 400, "expected a multipart part \"file\" with a filename", "text/plain");
					return;
				}
				store(exchange, file.get().filename(), new Upload(file.get().content(), file.get().contentType()));
			}
			else if ((method.equals("HEAD") || method.equals("GET")) && !name.isEmpty()) {
				Upload stored = this.uploads.get(name);
				if (stored == null) {
					Responses.send(exchange, 404, "Not Found", "text/plain");
				}
				else {
					Responses.send(exchange, 200, stored.bytes(), String.valueOf(stored.contentType()));
				}
			}
			else {
				Responses.send(exchange, 405, "Method Not Allowed", "text/plain");
			}
		}
		catch (IOException ex) {
			logger.debug("Gallery: {} {}: {}", method, path, ex.toString());
		}
	}

	private void store(HttpExchange exchange, String name, Upload upload) throws IOException {
		this.uploads.put(name, upload);
		this.counts.computeIfAbsent(name, (key) -> new AtomicInteger()).incrementAndGet();
		exchange.getResponseHeaders().set("Location", PATH + "/" + name);
		Responses.send(exchange, 201, "Created", "text/plain");
	}

	private record Upload(byte[] bytes, String contentType) {
	}

}
