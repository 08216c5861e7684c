package dev.fanout.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.mock.web.MockHttpServletRequest;

import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.WebTesting;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A form that another site posts to the API, from a browser that has cached the operator's Basic credentials: the
 * request carries valid credentials, and is refused because the browser says where it comes from. Programs, which
 * send no Origin, and pages of the server's own origin still act.
 */
class CrossSiteRequestsTests extends WebTesting {

	private final HttpClient http = HttpClient.newHttpClient();

	@Autowired
	JobRepository jobRepository;

	@Test
	void aCrossSiteAbandonWithTheOperatorsCredentialsIsRefusedAndChangesNothing() throws Exception {
		JobExecution failed = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "21"), BatchStatus.FAILED, LocalDateTime.now());
		String[][] crossSite = { { "Origin", "http://evil.example" }, { "Origin", "null" },
				{ "Origin", "http://127.0.0.1:" + (this.port + 1) }, { "Sec-Fetch-Site", "cross-site" },
				{ "Sec-Fetch-Site", "same-site" } };
		for (String[] header : crossSite) {
			HttpResponse<String> response = formPost("/api/executions/" + failed.getId() + "/abandon", header);

			assertThat(response.statusCode()).as(header[0] + ": " + header[1]).isEqualTo(403);
			assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
					(type) -> assertThat(type).startsWith("application/problem+json"));
			assertThat(response.body()).contains("cross-site request refused")
				.contains("http://127.0.0.1:" + this.port);
			assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		}
	}

	@Test
	void aCrossSiteStopIsRefusedAndTheExecutionGoesOnRunning() throws Exception {
		JobExecution running = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "22"), BatchStatus.STARTED, LocalDateTime.now());
		try {
			HttpResponse<String> response = formPost("/api/executions/" + running.getId() + "/stop",
					new String[] { "Origin", "http://evil.example" });

			assertThat(response.statusCode()).isEqualTo(403);
			assertThat(response.body()).contains("on behalf of a page of http://evil.example");
			assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
		}
		finally {
			JobExecution fixture = this.jobRepository.getJobExecution(running.getId());
			fixture.setStatus(BatchStatus.FAILED);
			fixture.setEndTime(LocalDateTime.now());
			this.jobRepository.update(fixture); // no orphan left for the other tests of this context
		}
	}

	@Test
	void aSameOriginPostAndOneWithoutOriginStillAct() throws Exception {
		JobExecution first = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "25"), BatchStatus.FAILED, LocalDateTime.now());
		JobExecution second = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "26"), BatchStatus.FAILED, LocalDateTime.now());

		HttpResponse<String> sameOrigin = formPost("/api/executions/" + first.getId() + "/abandon",
				new String[] { "Origin", "http://127.0.0.1:" + this.port }, new String[] { "Sec-Fetch-Site", "same-origin" });
		HttpResponse<String> program = formPost("/api/executions/" + second.getId() + "/abandon");

		assertThat(sameOrigin.statusCode()).as(sameOrigin.body()).isEqualTo(200);
		assertThat(program.statusCode()).as(program.body()).isEqualTo(200);
		assertThat(this.jobRepository.getJobExecution(first.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
		assertThat(this.jobRepository.getJobExecution(second.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
	}

	@Test
	void readingIsNotChecked() throws Exception {
		HttpResponse<String> response = this.http.send(HttpRequest.newBuilder(uri("/api/executions"))
			.header("Origin", "http://evil.example")
			.header("Sec-Fetch-Site", "cross-site")
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(200);
	}

	@Test
	void comparesSchemeHostAndPortOfTheOrigin() {
		MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/executions/1/stop");
		request.setScheme("https");
		request.setServerName("fanout.example");
		request.setServerPort(443);

		assertThat(CrossSiteRequests.sameOrigin("https://fanout.example", request)).isTrue();
		assertThat(CrossSiteRequests.sameOrigin("https://FANOUT.example:443", request)).isTrue();
		assertThat(CrossSiteRequests.sameOrigin("http://fanout.example", request)).isFalse();
		assertThat(CrossSiteRequests.sameOrigin("https://fanout.example:8443", request)).isFalse();
		assertThat(CrossSiteRequests.sameOrigin("https://fanout.example.evil.example", request)).isFalse();
		assertThat(CrossSiteRequests.sameOrigin("https://fanout.example/path", request)).isFalse();
		assertThat(CrossSiteRequests.sameOrigin("null", request)).isFalse();
		assertThat(CrossSiteRequests.sameOrigin("::not a url::", request)).isFalse();
	}

	/** A form POST, as a page's {@code <form>} sends it, with the operator's credentials and these headers. */
	private HttpResponse<String> formPost(String path, String[]... headers) throws Exception {
		HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.header("Authorization", basic("operator", PASSWORD))
			.POST(HttpRequest.BodyPublishers.ofString("x=1"));
		for (String[] header : headers) {
			request.header(header[0], header[1]);
		}
		return this.http.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		return URI.create("http://127.0.0.1:" + this.port + path);
	}

}
