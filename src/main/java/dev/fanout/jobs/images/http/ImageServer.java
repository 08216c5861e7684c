package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A local HTTP server for tests and the benchmark: serves images with a chosen latency and chosen failures, and is
 * an image gallery that accepts uploads ({@code PUT /gallery/<name>}, multipart {@code POST /gallery},
 * {@code HEAD /gallery/<name>}). On 127.0.0.1 and a free port; each request runs on its own virtual thread, so
 * latencies overlap instead of queueing.
 * <p>
 * Thread safety: handlers run on many threads at once while the test or benchmark configures and reads the server.
 * Every piece of shared state is a concurrent collection (whose values are immutable or atomic), and that is the
 * only guard; the configuration fields are final.
 */
public final class ImageServer implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ImageServer.class);

	private final HttpServer server;

	private final ExecutorService executor;

	private final Duration downloadLatency;

	/** Released on close: waits (latency, stalls) end early instead of outliving the server. */
	private final CountDownLatch closed = new CountDownLatch(1);

	private final Map<String, Resource> resources = new ConcurrentHashMap<>();

	private final Map<String, Failures> failures = new ConcurrentHashMap<>();

	private final Set<String> cuts = ConcurrentHashMap.newKeySet();

	private final Map<String, Duration> stalls = new ConcurrentHashMap<>();

	private final Map<String, Duration> bodyStalls = new ConcurrentHashMap<>();

	private final Set<String> endless = ConcurrentHashMap.newKeySet();

	private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

	private final GalleryEndpoint gallery;

	private ImageServer(Duration downloadLatency, Duration uploadLatency) throws IOException {
		this.downloadLatency = downloadLatency;
		this.gallery = new GalleryEndpoint(uploadLatency, this.closed, this::count);
		this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 512);
		this.executor = Executors.newVirtualThreadPerTaskExecutor();
		this.server.setExecutor(this.executor);
		this.server.createContext("/", this::handle);
		this.server.createContext(GalleryEndpoint.PATH, this.gallery::handle);
		this.server.start();
		logger.debug("Image server listening on {}", uri("/"));
	}

	/** Starts a server whose every download response waits {@code downloadLatency}, every gallery one the other. */
	public static ImageServer start(Duration downloadLatency, Duration uploadLatency) {
		try {
			return new ImageServer(downloadLatency, uploadLatency);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the image server on 127.0.0.1", ex);
		}
	}

	/** The address of a path on this server ({@code "/a.jpg"} or {@code "a.jpg"}). */
	public URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.server.getAddress().getPort() + normalize(path));
	}

	/** The gallery's base address, {@code /gallery}. */
	public URI galleryUri() {
		return uri(GalleryEndpoint.PATH);
	}

	/** Serves {@code body} at {@code path} with a 200 (GET and HEAD). */
	public void serve(String path, byte[] body, String contentType) {
		this.resources.put(normalize(path), new Resource(body.clone(), contentType));
	}

	/** Answers the next {@code times} requests for the path with {@code status}, then serves it normally. */
	public void failTimes(String path, int times, int status) {
		this.failures.put(normalize(path), new Failures(times, status));
	}

	/** Sends a Content-Length larger than the body, the body, then closes the connection: a body cut short. */
	public void cut(String path) {
		this.cuts.add(normalize(path));
	}

	/** Waits {@code delay} (after the latency) before answering requests for the path. */
	public void stall(String path, Duration delay) {
		this.stalls.put(normalize(path), delay);
	}

	/** Sends the headers and the first half of the body, then waits {@code delay} before the rest. */
	public void stallBody(String path, Duration delay) {
		this.bodyStalls.put(normalize(path), delay);
	}

	/** Serves a body that never ends (chunked, no Content-Length) until the client goes away. */
	public void serveEndless(String path, String contentType) {
		String key = normalize(path);
		this.resources.put(key, new Resource(new byte[0], contentType));
		this.endless.add(key);
	}

	/** Answers the next {@code times} uploads (PUT or POST) with {@code status} instead of storing them. */
	public void failUploads(int times, int status) {
		this.gallery.failUploads(new Failures(times, status));
	}

	/** How many times each name was stored by the gallery (a retried upload that arrived twice counts 2). */
	public Map<String, Integer> uploadCounts() {
		return this.gallery.uploadCounts();
	}

	/** The bytes last stored under that name. */
	public Optional<byte[]> uploaded(String name) {
		return this.gallery.uploaded(name);
	}

	/** The Content-Type that the last upload of that name declared (for a multipart POST, its part's). */
	public Optional<String> uploadedContentType(String name) {
		return this.gallery.uploadedContentType(name);
	}

	/** How many requests arrived for the path, whatever their answer. */
	public int requests(String path) {
		AtomicInteger count = this.requests.get(normalize(path));
		return (count != null) ? count.get() : 0;
	}

	@Override
	public void close() {
		this.closed.countDown();
		this.server.stop(0);
		this.executor.shutdownNow();
		try {
			this.executor.awaitTermination(10, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void count(String path) {
		this.requests.computeIfAbsent(path, (key) -> new AtomicInteger()).incrementAndGet();
	}

	private void handle(HttpExchange exchange) throws IOException {
		String path = exchange.getRequestURI().getPath();
		try (exchange) {
			count(path);
			if (!Waits.await(this.closed, this.downloadLatency)
					|| !Waits.await(this.closed, this.stalls.getOrDefault(path, Duration.ZERO))) {
				return; // closing
			}
			Failures failing = this.failures.get(path);
			if (failing != null && failing.take()) {
				Responses.send(exchange, failing.status(), Responses.reason(failing.status()), "text/plain");
				return;
			}
			Resource resource = this.resources.get(path);
			if (resource == null) {
				Responses.send(exchange, 404, "Not Found", "text/plain");
				return;
			}
			if (this.cuts.contains(path)) {
				Responses.sendCut(exchange, resource.body(), resource.contentType());
			}
			else if (this.endless.contains(path)) {
				Responses.sendEndless(exchange, resource.contentType(), this.closed);
			}
			else if (this.bodyStalls.containsKey(path)) {
				Responses.sendWithPause(exchange, resource.body(), resource.contentType(), this.closed,
						this.bodyStalls.get(path));
			}
			else {
				Responses.send(exchange, 200, resource.body(), resource.contentType());
			}
		}
		catch (IOException ex) {
			// The client went away (a read timeout, a cut): nothing to answer.
			logger.debug("Image server: {} {}: {}", exchange.getRequestMethod(), path, ex.toString());
		}
	}

	private static String normalize(String path) {
		return path.startsWith("/") ? path : "/" + path;
	}

	private record Resource(byte[] body, String contentType) {
	}

}
