package dev.fanout;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests of {@code serve} in this JVM: the application as {@code serve} starts it, on a random port, with an
 * operator password; every subclass shares the one context and data directory. Requests go through a real HTTP client.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "fanout.serving=true",
				"fanout.web.operator.password=" + WebTesting.PASSWORD,
				// A host name besides localhost and IP addresses, for AllowedHostsTests.
				"fanout.web.allowed-hosts=fanout.example",
				// Frequent chunk boundaries, so that a stop takes effect at once.
				"fanout.sensors.chunk-size=5" })
public abstract class WebTesting {

	public static final String PASSWORD = "operator-secret-for-tests";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

	@LocalServerPort
	protected int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("WebTesting").toString());
	}

	/** A response, with its body parsed as JSON on demand. */
	public record Response(int status, HttpResponse<String> raw) {

		public String body() {
			return this.raw.body();
		}

		public JsonNode json() {
			return JSON.readTree(this.raw.body());
		}

		public String header(String name) {
			return this.raw.headers().firstValue(name).orElse("");
		}

		@Override
		public String toString() {
			return this.status + " " + this.raw.headers().map() + "\n" + this.raw.body();
		}

	}

	protected Response get(String path) throws Exception {
		return send(request(path).GET());
	}

	protected Response getAsOperator(String path) throws Exception {
		return send(request(path).GET().header("Authorization", basic("operator", PASSWORD)));
	}

	/** A POST with the operator's credentials; {@code json} may be {@code null} for an empty body. */
	protected Response postAsOperator(String path, String json) throws Exception {
		return post(path, json, basic("operator", PASSWORD));
	}

	/** A POST with this Authorization header, or none when {@code null}. */
	protected Response post(String path, String json, String authorization) throws Exception {
		HttpRequest.Builder request = request(path).header("Content-Type", "application/json")
			.POST((json != null) ? HttpRequest.BodyPublishers.ofString(json) : HttpRequest.BodyPublishers.noBody());
		if (authorization != null) {
			request.header("Authorization", authorization);
		}
		return send(request);
	}

	/**
	 * A request sent as these bytes over a socket, the whole response as text: for what an HTTP client would not send
	 * (an encoded NUL in the path, a malformed method or header) and what Tomcat answers before the application.
	 */
	protected String raw(String request) throws IOException {
		try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), this.port)) {
			socket.setSoTimeout(60_000);
			OutputStream out = socket.getOutputStream();
			out.write(request.getBytes(StandardCharsets.ISO_8859_1));
			out.flush();
			return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	protected static String basic(String user, String password) {
		return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
	}

	/** Polls the execution until its status is this one. */
	protected JsonNode awaitStatus(long id, String status) throws Exception {
		Await.until("execution " + id + " " + status, Duration.ofSeconds(60),
				() -> get("/api/executions/" + id).json().path("execution").path("status").asString().equals(status));
		return get("/api/executions/" + id).json();
	}

	private HttpRequest.Builder request(String path) {
		return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).timeout(Duration.ofSeconds(60));
	}

	private Response send(HttpRequest.Builder request) throws Exception {
		HttpResponse<String> response = this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
		return new Response(response.statusCode(), response);
	}

}
