package dev.fanout.web;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.fanout.CapturedLog;
import dev.fanout.TestDataDirectories;
import dev.fanout.WebTesting;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /api/jobs}: the job list, background launches and their refusals, over real HTTP. */
class JobsApiTests extends WebTesting {

	@Test
	void describesOneJobAsTheListDoesAndAnUnknownOneIsNotFoundNamingTheJobs() throws Exception {
		Response list = get("/api/jobs");
		Response sensors = get("/api/jobs/sensors");

		assertThat(sensors.status()).isEqualTo(200);
		assertThat(sensors.json()).isEqualTo(list.json().get(5));
		assertThat(sensors.json().path("name").asString()).isEqualTo("sensors");
		Response unknown = get("/api/jobs/nope");
		assertThat(unknown.status()).isEqualTo(404);
		assertThat(unknown.json().path("detail").asString()).isEqualTo("unknown job 'nope'; jobs: chapter, factorize, "
				+ "images, life, openssl, sensors (GET /api/jobs describes them)");
	}

	@Test
	void listsEveryJobWithItsParameters() throws Exception {
		Response response = get("/api/jobs");

		assertThat(response.status()).isEqualTo(200);
		List<String> names = response.json().valueStream().map((job) -> job.path("name").asString()).toList();
		assertThat(names).containsExactly("chapter", "factorize", "images", "life", "openssl", "sensors");
		JsonNode factorize = response.json().get(1);
		assertThat(factorize.path("summary").asString()).contains("factorization");
		JsonNode file = factorize.path("parameters").valueStream()
			.filter((p) -> p.path("name").asString().equals("file"))
			.findFirst()
			.orElseThrow();
		assertThat(file.path("defaultValue").asString()).isEqualTo("factorize/numbers.txt");
		assertThat(file.path("alternative").asString()).isEqualTo("numbers");
	}

	@Test
	void launchAnswers202WithTheExecutionWhichThenCompletesInTheBackground() throws Exception {
		Response launched = postAsOperator("/api/jobs/factorize/executions",
				"{\"parameters\": {\"threads\": \"2\"}, \"newInstance\": true}");

		assertThat(launched.status()).as(launched.toString()).isEqualTo(202);
		long id = launched.json().path("id").asLong();
		assertThat(launched.header("Location")).isEqualTo("/api/executions/" + id);
		assertThat(launched.json().path("job").asString()).isEqualTo("factorize");
		assertThat(launched.json().path("parameters").path("threads").asString()).isEqualTo("2");
		assertThat(launched.json().path("launchedBy").asString()).isEqualTo("API: operator from 127.0.0.1");
		assertThat(launched.json().path("parameters").has("launched.by")).isFalse();

		JsonNode done = awaitStatus(id, "COMPLETED");
		String output = done.path("outputs").get(0).asString();
		assertThat(Files.readString(Path.of(output))).startsWith("number,divisor_count,divisors\n2139079,4,1 101 21179 2139079\n");
		assertThat(done.path("steps").valueStream().filter((s) -> s.path("partition").asBoolean()).count())
			.as("two worker partitions").isEqualTo(2);
	}

	/**
	 * A launch over the network names a file inside the data directory, and stores its absolute path: a relative one
	 * named another file in every data directory sharing the repository, whose launches then refused each other's.
	 */
	@Test
	void anInputFileIsStoredAsTheAbsolutePathOfTheFileInTheDataDirectorySoAnyNameOfItIsOneInstance() throws Exception {
		Path data = TestDataDirectories.fresh("WebTesting");
		Path file = Files.writeString(data.resolve("factorize/api-identity.txt"), "28\n");
		Response launched = postAsOperator("/api/jobs/factorize/executions",
				"{\"parameters\": {\"file\": \"factorize/api-identity.txt\", \"threads\": \"1\"}}");

		assertThat(launched.status()).as(launched.toString()).isEqualTo(202);
		assertThat(launched.json().path("parameters").path("file").asString()).isEqualTo(file.toString());
		awaitStatus(launched.json().path("id").asLong(), "COMPLETED");
		for (String name : List.of(file.toString(), "./factorize/../factorize/api-identity.txt")) {
			Response again = postAsOperator("/api/jobs/factorize/executions",
					"{\"parameters\": {\"file\": \"%s\", \"threads\": \"1\"}}".formatted(name));
			assertThat(again.status()).as(name + ": " + again).isEqualTo(409);
			assertThat(again.json().path("detail").asString()).contains("already completed");
		}
	}

	@Test
	void refusalsSayWhatToSendNotWhatToTypeOnTheCommandLine() throws Exception {
		String body = "{\"parameters\": {\"numbers\": \"9797\", \"threads\": \"1\"}}";
		Response first = postAsOperator("/api/jobs/factorize/executions", body);
		assertThat(first.status()).as(first.toString()).isEqualTo(202);
		awaitStatus(first.json().path("id").asLong(), "COMPLETED");

		Response again = postAsOperator("/api/jobs/factorize/executions", body);
		assertThat(again.status()).as(again.toString()).isEqualTo(409);
		assertThat(again.json().path("detail").asString()).contains("already completed")
			.contains("send \"newInstance\": true for a fresh instance")
			.doesNotContain("--new");

		Response reserved = postAsOperator("/api/jobs/factorize/executions", "{\"parameters\": {\"run.id\": \"7\"}}");
		assertThat(reserved.status()).as(reserved.toString()).isEqualTo(400);
		assertThat(reserved.json().path("detail").asString())
			.isEqualTo("run.id is reserved; send \"newInstance\": true to start a new instance");
	}

	@Test
	void whoLaunchedIsRecordedByTheServerAndCannotBeGiven() throws Exception {
		Response response = postAsOperator("/api/jobs/factorize/executions",
				"{\"parameters\": {\"launched.by\": \"schedule: nightly\"}, \"newInstance\": true}");

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().path("detail").asString())
			.isEqualTo("launched.by is reserved: every execution records who or what launched it; leave it out");
	}

	@Test
	void anUnknownParameterIsA400ProblemWithTheValidatorsMessage() throws Exception {
		Response response = postAsOperator("/api/jobs/factorize/executions", "{\"parameters\": {\"color\": \"blue\"}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.header("Content-Type")).startsWith("application/problem+json");
		assertThat(response.json().path("detail").asString())
			.startsWith("unknown parameter color for job 'factorize'; it takes: numbers, file, threads, algorithm");
		assertThat(response.json().path("status").asInt()).isEqualTo(400);
	}

	/** Names made up by the thousand, or very long, are not all echoed (nor logged) in full. */
	@Test
	void anUnknownParameterRefusalNamesAFewShortenedNames() throws Exception {
		StringBuilder body = new StringBuilder("{\"parameters\": {\"" + "x".repeat(10_000) + "\": \"1\"");
		for (int i = 0; i < 1000; i++) {
			body.append(", \"k%04d\": \"1\"".formatted(i));
		}
		Response response = postAsOperator("/api/jobs/factorize/executions", body.append("}}").toString());

		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		assertThat(response.json().path("detail").asString()).isEqualTo("unknown parameters k0000, k0001, k0002, k0003, "
				+ "k0004 and 996 more for job 'factorize'; it takes: numbers, file, threads, algorithm");
		Response one = postAsOperator("/api/jobs/factorize/executions",
				"{\"parameters\": {\"%s\": \"1\"}}".formatted("y".repeat(10_000)));
		assertThat(one.json().path("detail").asString())
			.startsWith("unknown parameter " + "y".repeat(40) + "... for job 'factorize'");
	}

	@Test
	void aBadValueIsA400WithTheJobsOwnCheck() throws Exception {
		Response response = postAsOperator("/api/jobs/factorize/executions", "{\"parameters\": {\"numbers\": \"12,x\"}}");

		assertThat(response.status()).isEqualTo(400);
		assertThat(response.json().path("detail").asString()).contains("'x' is not a whole number");
	}

	@Test
	void anInputFileOutsideTheDataDirectoryIsA400ThatSaysWhichRuleApplies() throws Exception {
		for (String[] launch : new String[][] { { "factorize", "file", "/etc/passwd" },
				{ "factorize", "file", "../../etc/passwd" }, { "life", "pattern", "/etc/hostname" },
				{ "images", "source", "/etc" }, { "openssl", "source", "../../etc" } }) {
			Response response = postAsOperator("/api/jobs/%s/executions".formatted(launch[0]),
					"{\"parameters\": {\"%s\": \"%s\"}}".formatted(launch[1], launch[2]));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.json().path("detail").asString())
				.contains("%s=%s points outside the data directory".formatted(launch[1], launch[2]))
				.contains("launches over the network (API, dashboard) read files only inside it")
				.contains("from the command line any readable path works");
		}
	}

	/** A job's own check quotes the parameter's name: the refusal and its log line keep to one line all the same. */
	@Test
	void aParameterNameWithALineBreakIsRefusedOnOneLine() throws Exception {
		try (CapturedLog log = new CapturedLog(ApiProblems.class)) {
			Response response = postAsOperator("/api/jobs/factorize/executions",
					"{\"parameters\": {\"x\\nFORGED-LINE\": \"1\"}}");

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.json().path("detail").asString()).contains("x?FORGED-LINE").doesNotContain("\n");
			assertThat(log.messages()).anySatisfy((line) -> assertThat(line).contains("x?FORGED-LINE"))
				.noneMatch((line) -> line.contains("\n"));
		}
	}

	/** A body that does not bind: which field and what it takes, not Spring's "Failed to read request" nor the body. */
	@Test
	void anUnreadableBodyIsA400ThatNamesTheFieldAndWhatItTakes() throws Exception {
		assertThat(unreadable("{\"parameters\": {\"numbers\": [1, 2]}}")).isEqualTo("the body's "
				+ "\"parameters.numbers\" is not valid: give a string, as every parameter value is (e.g. \"threads\": \"2\")");
		assertThat(unreadable("{\"newInstance\": \"maybe\"}"))
			.isEqualTo("the body's \"newInstance\" is not valid: give true or false");
		assertThat(unreadable("[\"numbers=12\"]")).startsWith("the request body is not a JSON object: give a JSON "
				+ "object such as {\"parameters\": {");
		assertThat(unreadable("numbers=12")).startsWith("the request body is not valid JSON: give").doesNotContain("numbers=");
	}

	/** A careless client's repeated field: refused as the CLI refuses {@code threads=2 threads=8}, not the last kept. */
	@Test
	void aFieldGivenTwiceIsA400ThatNamesItAndLaunchesNothing() throws Exception {
		int before = get("/api/executions?job=factorize").json().path("total").asInt();

		assertThat(unreadable("{\"parameters\": {\"numbers\": \"12\", \"threads\": \"2\", \"threads\": \"8\"}}"))
			.isEqualTo("the body gives \"parameters.threads\" twice: give it once");
		assertThat(unreadable("{\"parameters\": {\"numbers\": \"12\"}, \"newInstance\": false, \"newInstance\": true}"))
			.isEqualTo("the body gives \"newInstance\" twice: give it once");
		assertThat(get("/api/executions?job=factorize").json().path("total").asInt()).isEqualTo(before);
	}

	/**
	 * A misspelt field: Spring Boot's default ignores it, and the job launched with its defaults (or restarted an
	 * instance instead of starting a new one) under a 202.
	 */
	@Test
	void anUnknownFieldIsA400ThatNamesItAndTheFieldsThereAreAndLaunchesNothing() throws Exception {
		int before = get("/api/executions?job=factorize").json().path("total").asInt();

		assertThat(unreadable("{\"parameter\": {\"numbers\": \"12\"}}")).startsWith("the body has no field "
				+ "\"parameter\": it takes \"newInstance\" and \"parameters\", e.g. {\"parameters\": {");
		assertThat(unreadable("{\"parameters\": {\"numbers\": \"12\"}, \"newinstance\": true}"))
			.startsWith("the body has no field \"newinstance\": it takes \"newInstance\" and \"parameters\"");
		assertThat(get("/api/executions?job=factorize").json().path("total").asInt()).isEqualTo(before);
	}

	/**
	 * A control character in a value: {@code threads} trims it away when parsed, so the launch ran with it kept in the
	 * instance's parameters (PostgreSQL refuses a NUL half-way through the launch); a NUL in a path was called a path
	 * outside the data directory.
	 */
	@Test
	void aControlCharacterInAValueIsA400ThatNamesItAndLaunchesNothing() throws Exception {
		int before = get("/api/executions").json().path("total").asInt();

		for (String[] launch : new String[][] { { "factorize", "threads", "1\\u0000", "0000" },
				{ "factorize", "numbers", "12,\\u001b[2J15", "001B" }, { "factorize", "numbers", "21\\n", "000A" },
				{ "life", "pattern", "life/glider.txt\\u0000", "0000" } }) {
			Response response = postAsOperator("/api/jobs/%s/executions".formatted(launch[0]),
					"{\"parameters\": {\"%s\": \"%s\"}, \"newInstance\": true}".formatted(launch[1], launch[2]));

			assertThat(response.status()).as(response.toString()).isEqualTo(400);
			assertThat(response.json().path("detail").asString()).isEqualTo(("%s has a control character (U+%s) in its "
					+ "value: give it without line breaks, tabs or other control characters").formatted(launch[1], launch[3]));
		}
		assertThat(get("/api/executions").json().path("total").asInt()).isEqualTo(before);
	}

	@Test
	void aBodyThatIsNotJsonIsA415ThatSaysWhatToSend() throws Exception {
		HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
				"http://127.0.0.1:" + this.port + "/api/jobs/factorize/executions"))
			.header("Authorization", basic("operator", PASSWORD))
			.header("Content-Type", "text/plain")
			.POST(HttpRequest.BodyPublishers.ofString("{\"parameters\": {}}"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).isEqualTo(415);
		assertThat(new Response(415, response).json().path("detail").asString()).isEqualTo("the body is text/plain, not "
				+ "JSON: send it with Content-Type: application/json, e.g. {\"parameters\": {\"threads\": \"2\"}, "
				+ "\"newInstance\": true}");
	}

	private String unreadable(String body) throws Exception {
		Response response = postAsOperator("/api/jobs/factorize/executions", body);
		assertThat(response.status()).as(response.toString()).isEqualTo(400);
		return response.json().path("detail").asString();
	}

	@Test
	void anUnknownJobIsA404() throws Exception {
		Response response = postAsOperator("/api/jobs/nosuchjob/executions", null);

		assertThat(response.status()).isEqualTo(404);
		assertThat(response.json().path("detail").asString()).startsWith("unknown job 'nosuchjob'");
	}

	@Test
	void launchingNeedsTheOperator() throws Exception {
		Response anonymous = post("/api/jobs/factorize/executions", "{}", null);
		assertThat(anonymous.status()).isEqualTo(401);
		assertThat(anonymous.header("WWW-Authenticate")).startsWith("Basic");
		assertThat(anonymous.header("Content-Type")).startsWith("application/problem+json");

		Response wrong = post("/api/jobs/factorize/executions", "{}", basic("operator", "not-the-password"));
		assertThat(wrong.status()).isEqualTo(401);
		assertThat(wrong.body()).doesNotContain(PASSWORD).doesNotContain("not-the-password");
	}

}
