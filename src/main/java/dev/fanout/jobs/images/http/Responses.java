package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import com.sun.net.httpserver.HttpExchange;

/** Writing test server responses, and the reason phrases of the statuses the images job meets. Stateless. */
final class Responses {

	private static final Map<Integer, String> REASONS = Map.ofEntries(Map.entry(200, "OK"),
			Map.entry(201, "Created"), Map.entry(204, "No Content"), Map.entry(400, "Bad Request"),
			Map.entry(401, "Unauthorized"), Map.entry(403, "Forbidden"), Map.entry(404, "Not Found"),
			Map.entry(405, "Method Not Allowed"), Map.entry(408, "Request Timeout"), Map.entry(410, "Gone"),
			Map.entry(413, "Content Too Large"), Map.entry(415, "Unsupported Media Type"),
			Map.entry(429, "Too Many Requests"), Map.entry(500, "Internal Server Error"),
			Map.entry(502, "Bad Gateway"), Map.entry(503, "Service Unavailable"), Map.entry(504, "Gateway Timeout"));

	private Responses() {
	}

	/** "Not Found" for 404; empty for a status without a well-known phrase. */
	static String reason(int status) {
		return REASONS.getOrDefault(status, "");
	}

	/** "HTTP 404 Not Found", or "HTTP 599" when the status has no well-known phrase. */
	static String describe(int status) {
		String reason = reason(status);
		return reason.isEmpty() ? "HTTP " + status : "HTTP " + status + " " + reason;
	}

	static void send(HttpExchange exchange, int status, String body, String contentType) throws IOException {
		send(exchange, status, body.getBytes(StandardCharsets.UTF_8), contentType);
	}

	static void send(HttpExchange exchange, int status, byte[] body, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		if (exchange.getRequestMethod().equals("HEAD")) {
			exchange.getResponseHeaders().set("Content-Length", Integer.toString(body.length));
			exchange.sendResponseHeaders(status, -1);
			return;
		}
		exchange.sendResponseHeaders(status, (body.length == 0) ? -1 : body.length);
		try (OutputStream out = exchange.getResponseBody()) {
			out.write(body);
		}
	}

	/** Half the body, a pause, then the rest (unless the server closes first). */
	static void sendWithPause(HttpExchange exchange, byte[] body, String contentType, CountDownLatch closed,
			Duration pause) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length);
		OutputStream out = exchange.getResponseBody();
		out.write(body, 0, body.length / 2);
		out.flush();
		if (Waits.await(closed, pause)) {
			out.write(body, body.length / 2, body.length - body.length / 2);
			out.close();
		}
	}

	/** Chunks of bytes without end, until the client disconnects (an IOException) or the server closes. */
	static void sendEndless(HttpExchange exchange, String contentType, CountDownLatch closed) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, 0); // 0: chunked, no Content-Length
		OutputStream out = exchange.getResponseBody();
		byte[] chunk = new byte[64 * 1024];
		while (closed.getCount() > 0) {
			out.write(chunk);
		}
	}

	/** Announces more bytes than it sends, then closes: the connection ends in the middle of the body. */
	static void sendCut(HttpExchange exchange, byte[] body, String contentType) throws IOException {
		exchange.getResponseHeaders().set("Content-Type", contentType);
		exchange.sendResponseHeaders(200, body.length + 1024L);
		OutputStream out = exchange.getResponseBody();
		out.write(body);
		out.flush();
		// Closing the exchange with bytes missing makes the JDK server drop the connection.
	}

}
