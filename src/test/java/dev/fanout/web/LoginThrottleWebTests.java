package dev.fanout.web;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Throttled logins over HTTP, in a context of their own (its throttle refuses this host for a while, which would
 * disturb the tests that share {@code WebTesting}'s), on a clock the test moves.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "fanout.serving=true",
				"fanout.web.operator.password=" + LoginThrottleWebTests.PASSWORD })
class LoginThrottleWebTests {

	static final String PASSWORD = "throttled-operator-secret";

	@TestConfiguration
	static class Clocks {

		@Bean
		MovableClock clock() {
			return new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));
		}

	}

	@LocalServerPort
	int port;

	@Autowired
	MovableClock clock;

	private final HttpClient http = HttpClient.newHttpClient();

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("LoginThrottleWebTests").toString());
	}

	@Test
	void afterFiveFailedLoginsTheRightPasswordIsRefusedWith429UntilTheDelayHasPassed() throws Exception {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES; i++) {
			assertThat(basic("wrong-" + i).statusCode()).isEqualTo(401);
		}

		HttpResponse<String> refused = basic(PASSWORD);
		assertThat(refused.statusCode()).as(refused.body()).isEqualTo(429);
		assertThat(refused.headers().firstValue("Retry-After")).hasValue("30");
		assertThat(refused.headers().firstValue("Content-Type")).hasValueSatisfying(
				(type) -> assertThat(type).startsWith("application/problem+json"));
		assertThat(refused.body()).contains("too many failed logins from this address or for this user name: try again in 30 s");

		// The dashboard's form is refused too, saying so on the login page.
		HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> form = formLogin(browser, PASSWORD);
		assertThat(form.statusCode()).isEqualTo(302);
		assertThat(form.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?throttled=30"));
		assertThat(get(browser, "/login?throttled=30").body()).contains("Too many failed logins", "try again in 30 s");

		this.clock.advance(LoginThrottle.FIRST_DELAY);
		assertThat(basic(PASSWORD).statusCode()).isEqualTo(200);
		assertThat(formLogin(browser, PASSWORD).headers().firstValue("Location")).hasValueSatisfying(
				(to) -> assertThat(to).doesNotContain("/login"));
	}

	/** A request that needs the operator's credentials checked: any request with an Authorization header. */
	private HttpResponse<String> basic(String password) throws Exception {
		String credentials = Base64.getEncoder().encodeToString(("operator:" + password).getBytes(StandardCharsets.UTF_8));
		return this.http.send(HttpRequest.newBuilder(uri("/api/executions")).header("Authorization", "Basic " + credentials)
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> formLogin(HttpClient browser, String password) throws Exception {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(get(browser, "/login").body());
		assertThat(token.find()).isTrue();
		return browser.send(HttpRequest.newBuilder(uri("/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=operator&password="
					+ URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + token.group(1)))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private HttpResponse<String> get(HttpClient client, String path) throws Exception {
		return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
