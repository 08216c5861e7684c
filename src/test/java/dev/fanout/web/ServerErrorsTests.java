package dev.fanout.web;

import java.io.ByteArrayOutputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.coyote.http11.Http11Processor;
import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import dev.fanout.CapturedLog;
import dev.fanout.WebTesting;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a client gets for a request that Tomcat refuses before the application (a path with an encoded NUL or
 * {@code /}, a malformed method or header, an unknown HTTP version) and for a failure that reaches the container's
 * error dispatch (a security filter that cannot read the login form, TRACE): the API's problem detail or the
 * dashboard's page, never Tomcat's HTML page or Spring Boot's error JSON, and nothing that names the server. Raw
 * HTTP over a socket: HTTP clients normalise or refuse such requests.
 */
class ServerErrorsTests extends WebTesting {

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private static final String HEADERS = "Host: localhost\r\nConnection: close\r\n";

	@Test
	void requestsTomcatRefusesBeforeTheApplicationGetAProblemDetail() throws Exception {
		record Refused(String request, int status, String detail) {
		}
		List<Refused> refused = List.of(
				new Refused("GET /api/jobs/%00 HTTP/1.1\r\n" + HEADERS + "\r\n", 400, ServerErrors.MALFORMED),
				new Refused("GET /api/executions/1%2F2 HTTP/1.1\r\n" + HEADERS + "\r\n", 400, ServerErrors.MALFORMED),
				new Refused("GET /api/executions/1%5C2 HTTP/1.1\r\n" + HEADERS + "\r\n", 400, ServerErrors.MALFORMED),
				new Refused("GET /../../etc/passwd HTTP/1.1\r\n" + HEADERS + "\r\n", 400, ServerErrors.MALFORMED),
				new Refused("G(T /api/jobs HTTP/1.1\r\n" + HEADERS + "\r\n", 400, ServerErrors.MALFORMED),
				new Refused("GET /api/jobs HTTP/1.1\r\n" + HEADERS + "X-Big: " + "a".repeat(20_000) + "\r\n\r\n", 400,
						ServerErrors.MALFORMED),
				new Refused("GET /api/jobs HTTP/9.9\r\n" + HEADERS + "\r\n", 505, ServerErrors.VERSION),
				new Refused("POST /api/jobs/factorize/executions HTTP/1.1\r\n" + HEADERS
						+ "Transfer-Encoding: gzip\r\n\r\n", 501, ServerErrors.NOT_IMPLEMENTED),
				// A browser's Accept changes nothing on the API's paths.
				new Refused("GET /api/jobs/%00 HTTP/1.1\r\n" + HEADERS + "Accept: text/html\r\n\r\n", 400,
						ServerErrors.MALFORMED));
		for (Refused request : refused) {
			String response = raw(request.request());

			assertThat(response).as(request.request()).startsWith("HTTP/1.1 " + request.status() + " ")
				.containsIgnoringCase("Content-Type: application/problem+json")
				.containsIgnoringCase("X-Content-Type-Options: nosniff")
				.doesNotContainIgnoringCase("tomcat")
				.doesNotContainIgnoringCase("<html")
				.doesNotContainIgnoringCase("Server:");
			JsonNode problem = JSON.readTree(body(response));
			assertThat(problem.path("status").asInt()).isEqualTo(request.status());
			assertThat(problem.path("detail").asString()).isEqualTo(request.detail());
		}
	}

	/**
	 * Tomcat logs a request line or Host it cannot parse at INFO, quoting up to 8 KB of it (on one line): a client
	 * wrote text of its choosing into serve's log, once per connection processor and day (then at DEBUG). The logger
	 * is at WARN, which keeps its errors (application.yml).
	 */
	@Test
	void aRequestTomcatCannotParseWritesNoneOfItsTextIntoTheLog() throws Exception {
		try (CapturedLog log = new CapturedLog(Http11Processor.class)) {
			String method = raw("G(T_FORGED_BY_THE_CLIENT /api/jobs HTTP/1.1\r\n" + HEADERS + "\r\n");
			String host = raw("GET /api/jobs HTTP/1.1\r\nHost: a{FORGED_BY_THE_CLIENT}\r\nConnection: close\r\n\r\n");

			assertThat(method).startsWith("HTTP/1.1 400 ");
			assertThat(host).startsWith("HTTP/1.1 400 ");
			assertThat(log.events()).noneMatch((event) -> event.getLevel().isGreaterOrEqual(Level.INFO));
		}
		// What Tomcat's log asks before it writes (java.util.logging, which Spring Boot levels as Logback): whichever
		// processor answers, a fresh one (which logs at INFO) or a used one (at DEBUG), neither reaches the log.
		assertThat(java.util.logging.Logger.getLogger(Http11Processor.class.getName())
			.isLoggable(java.util.logging.Level.INFO)).isFalse();
	}

	@Test
	void aBrowserRefusedByTomcatOnADashboardPathGetsTheDashboardsPage() throws Exception {
		String response = raw("GET /executions/1%2F2 HTTP/1.1\r\n" + HEADERS + "Accept: text/html\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: text/html")
			.contains("Content-Security-Policy: " + WebSecurityConfiguration.DASHBOARD_POLICY)
			.contains("<h1>400 Bad Request</h1>", "/dashboard.css", "Back to the executions")
			.contains("an encoded NUL, &#39;/&#39;")
			.doesNotContainIgnoringCase("tomcat");
	}

	@Test
	void aLoginFormThatCannotBeDecodedIsAProblemDetailOrThePage() throws Exception {
		String form = "username=operator&password=%ff";
		String post = "POST /login HTTP/1.1\r\n" + HEADERS + "Content-Type: application/x-www-form-urlencoded\r\n"
				+ "Content-Length: " + form.length() + "\r\n";

		String program = raw(post + "\r\n" + form);
		String browser = raw(post + "Accept: text/html\r\n\r\n" + form);

		assertThat(program).startsWith("HTTP/1.1 400 ").containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(JSON.readTree(body(program)).path("detail").asString()).isEqualTo(ServerErrors.UNDECODABLE);
		assertThat(browser).startsWith("HTTP/1.1 400 ")
			.containsIgnoringCase("Content-Type: text/html")
			.contains("not percent-encoded UTF-8")
			.doesNotContain("timestamp");
	}

	@Test
	void aMethodTomcatRefusesIsAProblemDetailOnTheApi() throws Exception {
		String response = raw("TRACE /api/jobs HTTP/1.1\r\n" + HEADERS + "Accept: text/html\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 405 ")
			.containsIgnoringCase("Content-Type: application/problem+json")
			.containsIgnoringCase("X-Content-Type-Options: nosniff")
			.containsIgnoringCase("Cache-Control: no-store");
		JsonNode problem = JSON.readTree(body(response));
		assertThat(problem.path("detail").asString()).isEqualTo(ServerErrors.METHOD);
		assertThat(problem.has("timestamp")).isFalse();
	}

	@Test
	void aDashboardFormRefusedBySpringSecurityIsAProblemDetailSayingWhy() throws Exception {
		String response = raw("POST /executions/1/stop HTTP/1.1\r\n" + HEADERS + "Content-Length: 0\r\n\r\n");

		assertThat(response).startsWith("HTTP/1.1 403 ").containsIgnoringCase("Content-Type: application/problem+json");
		assertThat(JSON.readTree(body(response)).path("detail").asString()).isEqualTo(ServerErrors.FORBIDDEN);
	}

	/**
	 * A visitor who has not logged in leaves no session on the server (each would stay 30 minutes, without bound): the
	 * login form's token travels in a cookie. The login makes the session, on a request that brought no session
	 * cookie yet: Tomcat would write the id into the redirect (and a page's links) unless it tracks by cookie only.
	 */
	@Test
	void onlyALoginMakesASessionAndItsIdNeverGoesIntoALinkOrARedirect() throws Exception {
		String unreadable = "username=operator&password=%ff";
		String refused = raw("POST /login HTTP/1.1\r\n" + HEADERS + "Accept: text/html\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + unreadable.length()
				+ "\r\n\r\n" + unreadable);
		String page = raw("GET /login HTTP/1.1\r\n" + HEADERS + "Accept: text/html\r\n\r\n");

		assertThat(refused).contains("href=\"/dashboard.css\"").doesNotContainIgnoringCase("jsessionid");
		assertThat(page).startsWith("HTTP/1.1 200 ").contains("href=\"/executions\"")
			.doesNotContainIgnoringCase("jsessionid");
		Matcher cookie = Pattern.compile("Set-Cookie: (XSRF-TOKEN=[^;\r\n]+)[^\r\n]*").matcher(page);
		assertThat(cookie.find()).as(page).isTrue();
		assertThat(cookie.group()).containsIgnoringCase("HttpOnly").containsIgnoringCase("SameSite=Lax");
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as(page).isTrue();

		String form = "username=operator&password=" + PASSWORD + "&_csrf="
				+ URLEncoder.encode(token.group(1), StandardCharsets.UTF_8);
		String login = raw("POST /login HTTP/1.1\r\n" + HEADERS + "Cookie: " + cookie.group(1) + "\r\n"
				+ "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: " + form.length() + "\r\n\r\n"
				+ form);

		assertThat(login).startsWith("HTTP/1.1 302 ").contains("Set-Cookie: JSESSIONID=").doesNotContain(";jsessionid");
	}

	/** The body of a response, de-chunked when it came in chunks (whose sizes count bytes). */
	private static String body(String response) {
		byte[] body = response.substring(response.indexOf("\r\n\r\n") + 4).getBytes(StandardCharsets.UTF_8);
		if (!response.toLowerCase(Locale.ROOT).contains("transfer-encoding: chunked")) {
			return new String(body, StandardCharsets.UTF_8);
		}
		ByteArrayOutputStream joined = new ByteArrayOutputStream();
		int at = 0;
		while (true) {
			int end = at;
			while (body[end] != '\r') {
				end++;
			}
			int size = Integer.parseInt(new String(body, at, end - at, StandardCharsets.US_ASCII).trim(), 16);
			if (size == 0) {
				return joined.toString(StandardCharsets.UTF_8);
			}
			joined.write(body, end + 2, size);
			at = end + 2 + size + 2;
		}
	}

}
