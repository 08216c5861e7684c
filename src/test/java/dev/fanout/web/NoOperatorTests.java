package dev.fanout.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/** With no operator password there is no default one: mutating requests answer 403 saying how to set one. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "spring.main.web-application-type=servlet", "fanout.serving=true",
				"fanout.web.operator.password=" })
class NoOperatorTests {

	@LocalServerPort
	int port;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("NoOperatorTests").toString());
	}

	@Test
	void mutatingRequestsAre403WithHowToConfigureAnOperatorWhateverTheCredentials() throws Exception {
		for (String authorization : new String[] { null, "Basic b3BlcmF0b3I6b3BlcmF0b3I=" }) { // operator:operator
			HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/jobs/factorize/executions"))
				.POST(HttpRequest.BodyPublishers.ofString("{}"))
				.header("Content-Type", "application/json");
			if (authorization != null) {
				request.header("Authorization", authorization);
			}
			HttpResponse<String> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("no operator password is configured")
				.contains("fanout.web.operator.password")
				.contains("FANOUT_OPERATOR_PASSWORD");
		}
	}

	@Test
	void readingStillWorksFromThisHost() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri("/api/executions")).build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
