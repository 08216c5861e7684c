package dev.fanout.web;

import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.fanout.WebTesting;

import static org.assertj.core.api.Assertions.assertThat;

/** The API reads at most 1 MB of a body, declared or chunked, and says so with 413 instead of parsing it all. */
class ApiBodyLimitTests extends WebTesting {

	/** A launch whose one parameter holds about 2 MB: valid JSON, far over the limit. */
	private static final String LARGE = "{\"parameters\": {\"numbers\": \"" + "1,".repeat(1024 * 1024) + "1\"}}";

	@Test
	void aBodyDeclaredLargerThanTheLimitIsRefusedBeforeItIsRead() throws Exception {
		Response response = postAsOperator("/api/jobs/factorize/executions", LARGE);

		assertThat(response.status()).as(response.body()).isEqualTo(413);
		assertThat(response.header("Content-Type")).isEqualTo("application/problem+json");
		assertThat(response.json().path("detail").asString()).isEqualTo(ApiBodyLimit.TOO_LARGE);
	}

	@Test
	void aChunkedBodyIsCutOffOnceItPassesTheLimit() throws Exception {
		HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port
				+ "/api/jobs/factorize/executions"))
			.header("Content-Type", "application/json")
			.header("Authorization", basic("operator", PASSWORD))
			// No length known in advance: the client sends it in chunks.
			.POST(HttpRequest.BodyPublishers
				.ofInputStream(() -> new ByteArrayInputStream(LARGE.getBytes(StandardCharsets.UTF_8))))
			.build();

		HttpResponse<String> response = HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
		assertThat(response.body()).contains(ApiBodyLimit.TOO_LARGE);
	}

	@Test
	void aCallerWithoutCredentialsIsRefusedAsAlwaysWhateverTheSize() throws Exception {
		Response response = post("/api/jobs/factorize/executions", LARGE, null);

		assertThat(response.status()).isEqualTo(401);
	}

}
