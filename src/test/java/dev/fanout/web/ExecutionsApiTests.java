package dev.fanout.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;

import dev.fanout.CapturedLog;
import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.WebTesting;
import dev.fanout.batch.JobDescription;
import dev.fanout.launch.Launcher;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code GET /api/executions}: filters and pages. The executions listed are written into the repository with start
 * times in 2001, a range no real run of the shared test repository falls in, so the totals are exact.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExecutionsApiTests extends WebTesting {

	private static final String YEAR_2001 = "&from=2001-01-01&to=2001-12-31";

	@Autowired
	JobRepository jobRepository;

	@Autowired
	Launcher launcher;

	@BeforeAll
	void executionsOf2001() {
		LocalDateTime march = LocalDateTime.of(2001, 3, 1, 12, 0);
		for (int i = 0; i < 5; i++) {
			craft("factorize", BatchStatus.COMPLETED, march.plusDays(i));
		}
		craft("factorize", BatchStatus.FAILED, march.plusDays(10));
		craft("life", BatchStatus.FAILED, march.plusDays(11));
		craft("sensors", BatchStatus.COMPLETED, LocalDateTime.of(2001, 7, 1, 0, 0));
	}

	private void craft(String job, BatchStatus status, LocalDateTime start) {
		RepositoryFixtures.execution(this.jobRepository, job, UniqueJobParameters.of(), status, start);
	}

	@Test
	void filtersByJobStatusAndDateRange() throws Exception {
		assertThat(total("?job=factorize" + YEAR_2001)).isEqualTo(6);
		assertThat(total("?status=FAILED" + YEAR_2001)).isEqualTo(2);
		assertThat(total("?job=factorize&status=failed" + YEAR_2001)).as("status in any case").isEqualTo(1);
		assertThat(total("?from=2001-03-01&to=2001-03-03")).as("to= a date includes that day").isEqualTo(3);
		assertThat(total("?from=2001-03-01T12:00&to=2001-03-03T12:00")).as("to= a time excludes it").isEqualTo(2);
		assertThat(total("?from=2001-07-01&to=2001-07-01")).isEqualTo(1);
	}

	@Test
	void anUnknownJobIsA400NamingTheJobsWhileAJobOnlyTheRepositoryKnowsIsListed() throws Exception {
		Response unknown = get("/api/executions?job=nope");

		assertThat(unknown.status()).as(unknown.toString()).isEqualTo(400);
		assertThat(unknown.header("Content-Type")).startsWith("application/problem+json");
		String jobs = String.join(", ", this.launcher.descriptions().stream().map(JobDescription::jobName).toList());
		assertThat(unknown.json().path("detail").asString())
			.isEqualTo("unknown job 'nope'; jobs: %s (GET /api/jobs describes them)".formatted(jobs));

		// A job not deployed here (another version's) whose executions the repository holds: listed, as history does.
		craft("retired", BatchStatus.COMPLETED, LocalDateTime.of(2002, 1, 1, 0, 0));
		Response retired = get("/api/executions?job=retired");
		assertThat(retired.status()).as(retired.toString()).isEqualTo(200);
		assertThat(retired.json().path("total").asLong()).isEqualTo(1);
		assertThat(total("?job=factorize" + YEAR_2001)).isEqualTo(6);
	}

	@Test
	void pagesNewestFirstWithTheTotal() throws Exception {
		JsonNode first = get("/api/executions?size=3" + YEAR_2001).json();
		JsonNode third = get("/api/executions?size=3&page=2" + YEAR_2001).json();

		assertThat(first.path("total").asLong()).isEqualTo(8);
		assertThat(first.path("size").asInt()).isEqualTo(3);
		assertThat(first.path("items")).hasSize(3);
		assertThat(third.path("page").asInt()).isEqualTo(2);
		assertThat(third.path("items")).hasSize(2);
		List<Long> ids = first.path("items").valueStream().map((e) -> e.path("id").asLong()).toList();
		assertThat(ids).isSortedAccordingTo((a, b) -> Long.compare(b, a));
		assertThat(first.path("items").get(0).path("job").asString()).isEqualTo("sensors");
	}

	@Test
	void oneExecutionWithItsStepsPartitionsOutputsAndSummary() throws Exception {
		long id = this.launcher.runNewInstance("sensors", List.of("sensors=2", "readings=10")).getId();

		JsonNode detail = get("/api/executions/" + id).json();

		assertThat(detail.path("execution").path("status").asString()).isEqualTo("COMPLETED");
		assertThat(detail.path("execution").path("orphaned").asBoolean()).isFalse();
		List<JsonNode> partitions = detail.path("steps").valueStream().filter((s) -> s.path("partition").asBoolean()).toList();
		assertThat(partitions).hasSize(2).allSatisfy((p) -> {
			assertThat(p.path("readCount").asLong()).isEqualTo(10);
			assertThat(p.path("status").asString()).isEqualTo("COMPLETED");
			assertThat(p.has("durationMillis")).isTrue();
		});
		assertThat(detail.path("outputs").get(0).asString()).endsWith(".csv");
		assertThat(detail.path("execution").path("exitDescription").asString()).contains("expected 20 found 20");
		assertThat(detail.has("summary")).isTrue();
	}

	@Test
	void badFiltersAre400AndAnUnknownExecutionIs404() throws Exception {
		Response status = get("/api/executions?status=DONE");
		assertThat(status.status()).isEqualTo(400);
		assertThat(status.json().path("detail").asString()).startsWith("status=DONE is not a batch status");
		assertThat(get("/api/executions?from=yesterday").status()).isEqualTo(400);
		// Dates that parse but that no execution has, one the last day a LocalDate holds (it has no next day).
		for (String outside : List.of("to=%2B999999999-12-31", "from=%2B999999999-12-31T00:00", "from=0001-01-01")) {
			Response refused = get("/api/executions?" + outside);
			assertThat(refused.status()).as(outside).isEqualTo(400);
			assertThat(refused.json().path("detail").asString()).endsWith("from year 1970 to 9999");
		}
		assertThat(get("/api/executions?size=0").status()).isEqualTo(400);
		Response mistyped = get("/api/executions/abc");
		assertThat(mistyped.status()).isEqualTo(400);
		assertThat(mistyped.json().path("detail").asString())
			.isEqualTo("id='abc' is not valid: give a whole number up to 9223372036854775807");
		assertThat(get("/api/executions?page=99999999999").json().path("detail").asString())
			.isEqualTo("page='99999999999' is not valid: give a whole number up to 2147483647");
		Response noSuchPath = get("/api/execution/1");
		assertThat(noSuchPath.status()).isEqualTo(404);
		assertThat(noSuchPath.json().path("detail").asString())
			.isEqualTo("no such path: GET /api/execution/1; the API is described at GET /api/openapi.json, the dashboard is at /");

		Response missing = get("/api/executions/987654321");
		assertThat(missing.status()).isEqualTo(404);
		assertThat(missing.header("Content-Type")).startsWith("application/problem+json");
		assertThat(missing.json().path("detail").asString()).startsWith("no job execution with id 987654321")
			.contains("GET /api/executions")
			.doesNotContain("'history'");
		Response launch = postAsOperator("/api/jobs/nope/executions", "{}");
		assertThat(launch.status()).as(launch.toString()).isEqualTo(404);
		assertThat(launch.json().path("detail").asString()).startsWith("unknown job 'nope'")
			.contains("GET /api/jobs")
			.doesNotContain("'jobs'");
	}

	/** A refused value is echoed and logged shortened and on one line: a line break in it would forge a log line. */
	@Test
	void aRefusedValueIsShownShortAndOnOneLine() throws Exception {
		try (CapturedLog log = new CapturedLog(ApiProblems.class)) {
			Response forged = get("/api/executions?from=2026%0aFORGED-LINE");
			Response longStatus = get("/api/executions?status=" + "X".repeat(500));

			assertThat(forged.status()).isEqualTo(400);
			assertThat(forged.json().path("detail").asString()).startsWith("from=2026?FORGED-LINE is not an ISO date");
			assertThat(longStatus.json().path("detail").asString())
				.startsWith("status=" + "X".repeat(40) + "... is not a batch status");
			assertThat(log.messages()).anySatisfy((line) -> assertThat(line).contains("from=2026?FORGED-LINE"))
				.noneMatch((line) -> line.contains("\n") || line.contains("X".repeat(41)));
		}
	}

	/** Tomcat refuses to decode such a query when the handler asks for a parameter: that was a 500. */
	@Test
	void aQueryThatIsNotPercentEncodedUtf8IsA400ThatSaysHowToEncodeIt() throws Exception {
		for (String path : List.of("/api/executions?job=%ff", "/api/executions?page=%c3%28")) {
			Response response = get(path);

			assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
			assertThat(response.json().path("detail").asString()).as(path).isEqualTo("a value in the query is not "
					+ "percent-encoded UTF-8 (such as %ff or %zz): encode every value as UTF-8, e.g. \u00e9 as %C3%A9");
		}
		Response recover = postAsOperator("/api/executions/1/recover?force=%ff", null);
		assertThat(recover.status()).as(recover.toString()).isEqualTo(400);
	}

	/** Tomcat decodes a form body with the query: the refusal said "query" of a body, beside a query that decoded. */
	@Test
	void aFormBodyThatIsNotPercentEncodedUtf8IsA400ThatNamesTheBody() throws Exception {
		HttpResponse<String> recover = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/api/executions/987654321/recover?x=%C3%A9+y"))
			.header("Authorization", basic("operator", PASSWORD))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("force=%ff"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(recover.statusCode()).as(recover.body()).isEqualTo(400);
		assertThat(recover.body()).contains("\"detail\":\"a value in the form body is not percent-encoded UTF-8 (such "
				+ "as %ff or %zz): encode every value as UTF-8, e.g. \u00e9 as %C3%A9\"");
	}

	/** Spring Security's firewall refuses these before any handler: Spring Boot's error JSON named nothing. */
	@Test
	void anAddressTheFirewallRefusesIsA400ProblemThatSaysWhy() throws Exception {
		for (String path : List.of("/api/jobs/%2e%2e/executions", "/api/executions;x=1", "//api/executions")) {
			Response response = get(path);

			assertThat(response.status()).as(path + ": " + response).isEqualTo(400);
			assertThat(response.header("Content-Type")).as(path).startsWith("application/problem+json");
			assertThat(response.json().path("detail").asString()).as(path).startsWith("this address is refused: its "
					+ "path has an encoded '/', '\\', '.' or '%'").endsWith("write the path plainly, e.g. /api/executions/42");
		}
	}

	/** Spring kept the first value of a repeated query parameter without a word: {@code force=false&force=true}. */
	@Test
	void aQueryParameterGivenTwiceIsA400ThatNamesIt() throws Exception {
		Response page = get("/api/executions?page=1&size=5&pa%67e=2");
		assertThat(page.status()).as(page.toString()).isEqualTo(400);
		assertThat(page.json().path("detail").asString()).isEqualTo("the query gives page twice: give it once");

		Response recover = postAsOperator("/api/executions/987654321/recover?force=false&force=true", null);
		assertThat(recover.status()).as(recover.toString()).isEqualTo(400);
		assertThat(recover.json().path("detail").asString()).isEqualTo("the query gives force twice: give it once");
		assertThat(get("/api/executions?page=0&size=5").status()).isEqualTo(200);
	}

	/**
	 * Asked for directly, Spring Boot's error controller answered 500 (status 999); the server's own forwards to it
	 * (a login form Tomcat cannot decode) still answer with their failure's status.
	 */
	@Test
	void errorAskedForDirectlyIsA404NotA500() throws Exception {
		Response direct = get("/error");
		assertThat(direct.status()).as(direct.toString()).isEqualTo(404);
		assertThat(direct.json().path("detail").asString()).startsWith("no such path: /error is where the server shows");

		HttpResponse<String> forwarded = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/login"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=%ff&password=x"))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(forwarded.statusCode()).isEqualTo(400);
	}

	@Test
	void timesCarryTheirOffset() throws Exception {
		long id = this.launcher.runNewInstance("sensors", List.of("sensors=1", "readings=5")).getId();
		JsonNode execution = get("/api/executions/" + id).json().path("execution");
		String offset = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d+)?(Z|[+-]\\d\\d:\\d\\d)";
		assertThat(execution.path("startTime").asString()).matches(offset);
		assertThat(execution.path("endTime").asString()).matches(offset);
		assertThat(get("/api/executions/" + id).json().path("steps").get(0).path("startTime").asString()).matches(offset);
		assertThat(get("/api/openapi.json").body()).contains(OpenApiConfiguration.TIME_EXAMPLE);
	}

	@Test
	void theOperatorIsToldMissingFromWrongCredentials() throws Exception {
		long id = this.launcher.runNewInstance("sensors", List.of("sensors=1", "readings=6")).getId();
		Response none = post("/api/executions/" + id + "/abandon", null, null);
		Response wrong = post("/api/executions/" + id + "/abandon", null, basic("operator", "not-the-password"));
		assertThat(none.status()).isEqualTo(401);
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(none.json().path("detail").asString()).isEqualTo(
				"this needs the operator's credentials: HTTP Basic as user 'operator'");
		assertThat(wrong.json().path("detail").asString()).isEqualTo(
				"wrong user name or password: the operator is user 'operator' (HTTP Basic)");
	}

	private long total(String query) throws Exception {
		Response response = get("/api/executions" + query);
		assertThat(response.status()).as(response.toString()).isEqualTo(200);
		return response.json().path("total").asLong();
	}

}
