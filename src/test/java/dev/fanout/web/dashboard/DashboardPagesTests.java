package dev.fanout.web.dashboard;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.LaunchOrigin;
import dev.fanout.batch.RestartSafeSplitter;

import static org.assertj.core.api.Assertions.assertThat;

/** The dashboard's pages and files over plain HTTP: what the browser tests do not need a browser for. */
class DashboardPagesTests extends DashboardTesting {

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void showsLifePicturesAndServesOnlyTheExecutionsOwnFiles() throws Exception {
		JobExecution life = run("life", Map.of("generations", "6"));
		String page = get("/executions/" + life.getId()).body();
		String files = "/executions/" + life.getId() + "/files/0";
		assertThat(page).contains("src=\"" + files + "?path=final.png\"", "src=\"" + files + "?path=generations.gif\"");
		Matcher chart = Pattern.compile("<polyline class=\"series\" points=\"([^\"]*)\"").matcher(page);
		assertThat(chart.find()).isTrue();
		assertThat(chart.group(1).split(" ")).hasSize(7); // generations 0 to 6

		HttpResponse<byte[]> png = this.http.send(request(files + "?path=final.png"), HttpResponse.BodyHandlers.ofByteArray());
		assertThat(png.statusCode()).isEqualTo(200);
		assertThat(png.headers().firstValue("Content-Type")).hasValue("image/png");
		assertThat(png.body()).startsWith(0x89, 'P', 'N', 'G');
		assertThat(get(files + "?path=population.csv").body()).startsWith("generation,population\n0,5\n");

		// Nothing outside the execution's outputs: not by .., not encoded, not absolute, not another index.
		assertThat(get(files + "?path=../../factorize/numbers.txt").statusCode()).isEqualTo(404);
		assertThat(get(files + "?path=..%2F..%2F..%2Flogs%2Ffanout.log").statusCode()).isEqualTo(404);
		assertThat(get(files + "?path=/etc/passwd").statusCode()).isEqualTo(404);
		assertThat(get(files + "?path=").statusCode()).isEqualTo(404); // the directory itself
		assertThat(get("/executions/" + life.getId() + "/files/1").statusCode()).isEqualTo(404);
		assertThat(get("/executions/99999/files/0?path=final.png").statusCode()).isEqualTo(404);
	}

	/** To the minute, the next three firings of a schedule every 5 s were mostly one and the same time. */
	@Test
	void theSchedulesPanelShowsEachNextFireTimeToTheSecond() throws Exception {
		String page = get("/executions").body();
		Matcher panel = Pattern.compile("(?s)<section class=\"panel\" id=\"schedules\">.*?</section>").matcher(page);
		assertThat(panel.find()).isTrue();
		assertThat(panel.group()).contains("every-5-s", "*/5 * * * * *", "(UTC)");
		List<String> times = Pattern.compile("<div>(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d \\+00:00)</div>")
			.matcher(panel.group())
			.results()
			.map((time) -> time.group(1))
			.toList();
		assertThat(times).hasSize(3).doesNotHaveDuplicates()
			.allSatisfy((time) -> assertThat(time.substring(17, 19)).isIn("00", "05", "10", "15", "20", "25", "30", "35",
					"40", "45", "50", "55"));
	}

	@Test
	void pagesLoadScriptsAndPostFormsOnlyFromTheirOwnOrigin() throws Exception {
		for (String page : List.of("/executions", "/jobs", "/login", "/executions/987654321")) {
			assertThat(get(page).headers().firstValue("Content-Security-Policy")).as(page)
				.hasValueSatisfying((policy) -> assertThat(policy).contains("script-src 'self';", "form-action 'self'",
						"object-src 'none'", "frame-ancestors 'none'"));
		}
	}

	@Test
	void aRefusalPageSaysWhatIsMissingWithoutTheCliOrApiAdvice() throws Exception {
		HttpResponse<String> execution = get("/executions/987654321");
		assertThat(execution.statusCode()).isEqualTo(404);
		assertThat(execution.body()).contains("no job execution with id 987654321").doesNotContain("&#39;history&#39;")
			.doesNotContain("/api/executions");

		HttpResponse<String> job = get("/executions?job=nosuch");
		assertThat(job.statusCode()).isEqualTo(404);
		assertThat(job.body()).contains("unknown job &#39;nosuch&#39;; jobs: ").doesNotContain("describes them");
	}

	@Test
	void aQueryThatIsNotPercentEncodedUtf8IsAPageSayingHowToEncodeIt() throws Exception {
		// A file's address answers as its other refusals do (a problem detail), but no longer 500.
		assertThat(get("/executions/1/files/0?path=%c3%28").statusCode()).isEqualTo(400);
		for (String path : List.of("/executions?job=%ff", "/executions?status=%c3%28", "/login?error=%ff")) {
			HttpResponse<String> page = get(path);

			assertThat(page.statusCode()).as(path).isEqualTo(400);
			assertThat(page.headers().firstValue("Content-Type")).as(path).hasValueSatisfying((type) -> assertThat(type)
				.startsWith("text/html"));
			assertThat(page.body()).as(path).contains("a value in the query is not percent-encoded UTF-8");
		}
	}

	@Test
	void aMistypedAddressIsAPageSayingWhatToGive() throws Exception {
		HttpResponse<String> mistyped = get("/executions/abc");

		assertThat(mistyped.statusCode()).isEqualTo(400);
		assertThat(mistyped.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("text/html"));
		assertThat(mistyped.body()).contains("id=&#39;abc&#39; is not valid: give a whole number");
	}

	/**
	 * A restart of sensors while it runs, written into the repository as it would be: its earlier attempt completed one
	 * sensor and committed part of the other's readings. The list's bar, the live update's JSON and the detail page
	 * count the readings of both attempts, and the partition the restart did not run again.
	 */
	@Test
	void progressCountsTheJobsUnitsOverEveryAttempt() throws Exception {
		JobParameters parameters = this.launcher.parameters("sensors", Map.of("sensors", "2", "readings", "50"), true);
		JobInstance instance = this.jobRepository.createJobInstance("sensors", parameters);
		JobExecution first = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		step(first, "sensorsWorker:sensor0", BatchStatus.COMPLETED, 50);
		step(first, "sensorsWorker:sensor1", BatchStatus.FAILED, 20);
		first.setStartTime(LocalDateTime.now().minusSeconds(9));
		first.setEndTime(LocalDateTime.now().minusSeconds(8));
		first.setStatus(BatchStatus.FAILED);
		this.jobRepository.update(first);
		JobExecution restart = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		restart.setStartTime(LocalDateTime.now().minusSeconds(2));
		restart.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(restart);
		StepExecution manager = step(restart, "sensorsManager", BatchStatus.STARTED, 0);
		manager.getExecutionContext().putInt(RestartSafeSplitter.PARTITIONS, 2);
		this.jobRepository.updateExecutionContext(manager);
		step(restart, "sensorsWorker:sensor1", BatchStatus.STARTED, 10);

		String expected = "80% · readings 80/100 · partitions 1/2";
		assertThat(get("/executions?job=sensors").body()).contains(expected);
		assertThat(get("/executions/" + restart.getId()).body()).contains(expected);
		String json = get("/executions/progress?ids=" + restart.getId()).body();
		assertThat(json).contains("\"id\":" + restart.getId(), "\"running\":true", "\"percent\":80",
				"\"text\":\"readings 80/100 · partitions 1/2\"", "\"done\":80", "\"total\":100",
				"\"unit\":\"readings\"");

		restart.setStatus(BatchStatus.FAILED);
		restart.setEndTime(LocalDateTime.now());
		this.jobRepository.update(restart); // not left running for the other tests
	}

	/** The list's live update asks for several executions at once: one that is gone must not cost the others theirs. */
	@Test
	void theLiveUpdateLeavesOutAnExecutionThatIsGone() throws Exception {
		JobExecution failed = failed("factorize", Map.of("numbers", "10"));

		HttpResponse<String> progress = get("/executions/progress?ids=987654321," + failed.getId());

		assertThat(progress.statusCode()).as(progress.body()).isEqualTo(200);
		assertThat(progress.headers().firstValue("Content-Type")).hasValueSatisfying((type) -> assertThat(type)
			.startsWith("application/json"));
		assertThat(progress.body()).startsWith("[{\"id\":" + failed.getId() + ",").doesNotContain("987654321");
	}

	private StepExecution step(JobExecution execution, String name, BatchStatus status, long written) {
		StepExecution step = this.jobRepository.createStepExecution(name, execution);
		step.setStartTime(LocalDateTime.now().minusSeconds(1));
		step.setStatus(status);
		step.setWriteCount(written);
		this.jobRepository.update(step);
		return step;
	}

	@Test
	void pagesThroughFilteredExecutions() throws Exception {
		for (int i = 0; i < ExecutionListing.PAGE_SIZE + 2; i++) {
			failed("openssl", Map.of("count", Integer.toString(i + 1)));
		}
		String first = get("/executions?job=openssl&status=FAILED").body();
		assertThat(Pattern.compile("data-id=\"\\d+\"").matcher(first).results().count()).isEqualTo(ExecutionListing.PAGE_SIZE);
		assertThat(first).contains("href=\"/executions?job=openssl&amp;status=FAILED&amp;page=1\"");

		String second = get("/executions?job=openssl&status=FAILED&page=1").body();
		assertThat(Pattern.compile("data-id=\"\\d+\"").matcher(second).results().count()).isEqualTo(2);
		assertThat(second).contains("rel=\"prev\"").doesNotContain("rel=\"next\"");

		// Past the last page (an old link; a page whose first row is beyond an int): the last page, not an error.
		for (String past : List.of("107374183", Integer.toString(Integer.MAX_VALUE), "2")) {
			HttpResponse<String> page = get("/executions?job=openssl&status=FAILED&page=" + past);
			assertThat(page.statusCode()).as(past).isEqualTo(200);
			assertThat(Pattern.compile("data-id=\"\\d+\"").matcher(page.body()).results().count()).as(past).isEqualTo(2);
			assertThat(page.body()).contains("page 2").doesNotContain("rel=\"next\"");
		}
	}

	@Test
	void refusesActionsWithoutTheOperatorsSessionAndShowsNoSecret() throws Exception {
		JobExecution failed = failed("factorize", Map.of("numbers", "6"));
		HttpResponse<String> abandon = this.http.send(HttpRequest.newBuilder(URI.create(url("/executions/" + failed.getId() + "/abandon")))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(abandon.statusCode()).as("no CSRF token").isEqualTo(403);
		assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);

		// With a valid CSRF token of an anonymous session, the refusal is the authentication one: off to log in.
		HttpClient anonymous = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String token = csrfToken(anonymous.send(request("/login"), HttpResponse.BodyHandlers.ofString()).body());
		HttpResponse<String> withToken = anonymous.send(HttpRequest.newBuilder(URI.create(url("/executions/" + failed.getId() + "/abandon")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(withToken.statusCode()).as(withToken.headers().map().toString()).isEqualTo(302);
		assertThat(withToken.headers().firstValue("Location")).hasValue(url("/login"));
		assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		// The same session and request with a wrong token: the CSRF refusal, which is another answer.
		HttpResponse<String> wrongToken = anonymous.send(HttpRequest.newBuilder(URI.create(url("/executions/" + failed.getId() + "/abandon")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=not-" + token))
			.build(), HttpResponse.BodyHandlers.ofString());
		assertThat(wrongToken.statusCode()).isEqualTo(403);

		String detail = get("/executions/" + failed.getId()).body();
		assertThat(detail).contains("<span>restart, abandon</span>").doesNotContain("action-restart");
		for (String path : new String[] { "/executions", "/jobs", "/jobs/openssl", "/executions/" + failed.getId() }) {
			assertThat(get(path).body()).doesNotContain(PASSWORD);
		}
		assertThat(get("/jobs/openssl").body()).contains("id=\"p-source\"").doesNotContain("p-password");
	}

	/**
	 * Refusals of the servlet container and of Spring Security reach Boot's error page: a stale form (the server
	 * restarted, the session ended) and a form too large are a dashboard page that says what to do, not Boot's
	 * "Whitelabel Error Page".
	 */
	@Test
	void aStaleOrOversizedFormIsAPageSayingWhatToDo() throws Exception {
		JobExecution failed = failed("factorize", Map.of("numbers", "10"));
		HttpResponse<String> stale = this.http.send(HttpRequest.newBuilder(URI.create(url("/executions/" + failed.getId() + "/abandon")))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=from-a-session-that-ended"))
			.build(), HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> large = this.http.send(HttpRequest.newBuilder(URI.create(url("/jobs/factorize")))
			.header("Accept", "text/html")
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("p.numbers=" + "12%2C".repeat(500_000) + "12"))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(stale.statusCode()).isEqualTo(403);
		assertThat(stale.body()).contains("<h1>403 Forbidden</h1>").contains("security token is missing or has expired")
			.doesNotContain("Whitelabel");
		assertThat(large.statusCode()).isEqualTo(413);
		assertThat(large.body()).contains("in a file inside the data directory").doesNotContain("Whitelabel");
		assertThat(this.jobRepository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
	}

	@Test
	void unknownExecutionsAndJobsArePagesThatSaySo() throws Exception {
		HttpResponse<String> missing = get("/executions/424242");
		assertThat(missing.statusCode()).isEqualTo(404);
		assertThat(missing.body()).contains("no job execution with id 424242");
		HttpResponse<String> job = get("/jobs/nope");
		assertThat(job.statusCode()).isEqualTo(404);
		assertThat(job.body()).contains("unknown job &#39;nope&#39;");
	}

	@Test
	void logsInOnTheDashboardsOwnPageWhichSaysWhenTheLoginFailed() throws Exception {
		HttpClient session = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		HttpResponse<String> login = session.send(request("/login"), HttpResponse.BodyHandlers.ofString());
		// The form's token is a cookie, not a session, and never goes with another site's form or subrequest.
		assertThat(login.headers().allValues("Set-Cookie")).noneMatch((cookie) -> cookie.startsWith("JSESSIONID="))
			.anySatisfy((cookie) -> assertThat(cookie).startsWith("XSRF-TOKEN=")
				.containsIgnoringCase("SameSite=Lax")
				.containsIgnoringCase("HttpOnly"));
		String page = login.body();
		assertThat(page).contains("<title>Log in · Fanout</title>", "id=\"login-form\"", "name=\"username\"",
				"name=\"password\"")
			.doesNotContain("Wrong user name or password");
		String token = csrfToken(page);

		HttpResponse<String> wrong = session.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=operator&password=wrong&_csrf=" + token))
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(wrong.statusCode()).isEqualTo(302);
		assertThat(wrong.headers().firstValue("Location")).hasValueSatisfying((to) -> assertThat(to).endsWith("/login?error"));
		assertThat(wrong.headers().allValues("Set-Cookie")).as("no session for a failed login")
			.noneMatch((cookie) -> cookie.startsWith("JSESSIONID="));
		assertThat(get("/login?error").body()).contains("Wrong user name or password.").contains("id=\"login-form\"");

		HttpResponse<String> right = session.send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=operator&password=" + PASSWORD + "&_csrf=" + token))
			.build(), HttpResponse.BodyHandlers.ofString());
		// The session cookie never goes with another site's form or subrequest (see application.yml for Lax).
		assertThat(right.headers().allValues("Set-Cookie")).anySatisfy((cookie) -> assertThat(cookie)
			.startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax").containsIgnoringCase("HttpOnly"));
	}

	@Test
	void theListShowsGivenParametersFirstTheJobsSummaryAndTheRestartThatWentOnWithWhoLaunchedIt() throws Exception {
		JobExecution life = run("life", Map.of("generations", "3", "partitions", "1"));
		JobExecution failed = failed("life", Map.of("generations", "2", "partitions", "1"));
		JobExecution restarted = this.launcher.restart(this.jobRepository.getJobExecution(failed.getId()),
				LaunchOrigin.server("dashboard", "operator", "10.1.2.3"), (notice) -> {
				});
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);

		String list = get("/executions?job=life").body();
		String row = row(list, life.getId());
		Matcher given = Pattern.compile("<span class=\"given\">([^<]*)</span>").matcher(row);
		assertThat(given.find()).as(row).isTrue();
		assertThat(given.group(1)).isEqualTo("generations=3 partitions=1");
		assertThat(row).containsPattern("<span class=\"muted defaults\">pattern=[^<]*run\\.id=")
			.doesNotContain(LaunchOrigin.PARAMETER);
		// The first line of the job's summary, which the detail page shows whole
		assertThat(row).contains("<span class=\"exit\" title=\"generation 3, population 5 (9×5 torus)\">");
		assertThat(row).containsPattern("<time datetime=\"[^\"]+(Z|[+-]\\d\\d:\\d\\d)\">[^<]+ [+-]\\d\\d:\\d\\d</time>");

		String failedRow = row(get("/executions?job=life&status=FAILED").body(), failed.getId());
		assertThat(failedRow).contains("href=\"/executions/%d\"".formatted(restarted.getId()))
			.contains("restarted as %d (COMPLETED)".formatted(restarted.getId()));
		assertThat(get("/executions/" + failed.getId()).body())
			.contains("restarted as <a class=\"continued-in\" href=\"/executions/%d\"".formatted(restarted.getId()));
		assertThat(get("/executions/" + restarted.getId()).body())
			.contains("<dt>Launched by</dt><dd class=\"launched-by\">dashboard: operator from 10.1.2.3</dd>");
	}

	@Test
	void theTimelineAndTheStepsTableNameTheBandsAlike() throws Exception {
		// One generation per step keeps the 9×5 glider's two bands apart: with more, each band's halo would reach
		// around the torus and the run would be one band.
		JobExecution life = run("life", Map.of("generations", "3", "partitions", "2", "checkpoint", "1"));
		String page = get("/executions/" + life.getId()).body();
		List<String> lanes = Pattern.compile("<text class=\"label\"[^>]*>([^<]*)</text>").matcher(page).results()
			.map((m) -> m.group(1).replaceFirst(" ×\\d+$", ""))
			.toList();
		List<String> tableBands = Pattern.compile("<td class=\"step-name\" title=\"lifeBand:[^\"]*\"><span>([^<]*)</span>")
			.matcher(page).results().map((m) -> m.group(1)).toList();
		assertThat(tableBands).as(page).isNotEmpty().containsOnly("lifeBand:band0", "lifeBand:band1");
		assertThat(lanes).contains("lifeBand:band0", "lifeBand:band1");
		assertThat(page).contains("gen 2");
	}

	@Test
	void theJobsPageListsEachJobsParametersAndSaysWhenAJobHasNone() throws Exception {
		String jobs = get("/jobs").body();
		assertThat(jobs).contains("<td class=\"params\">numbers, file, threads, algorithm</td>")
			.containsPattern(">chapter</a></td>\\s*<td>[^<]*</td>\\s*<td class=\"params\">none</td>");
	}

	@Test
	void launchFormsOfferParametersWithAFixedSetOfValuesAsChoices() throws Exception {
		String life = get("/jobs/life").body();
		assertThat(life).containsPattern("<select id=\"p-executor\" name=\"p.executor\"[^>]*>\\s*"
				+ "<option value=\"\">default \\(platform\\)</option>\\s*<option value=\"platform\">platform</option>\\s*"
				+ "<option value=\"virtual\">virtual</option>");
		assertThat(life).containsPattern("<select id=\"p-placement\"[^>]*>\\s*<option value=\"\">not given</option>\\s*"
				+ "<option value=\"center\">center</option>");
		assertThat(life).contains("<input type=\"text\" id=\"p-generations\"");
		assertThat(get("/jobs/factorize").body()).contains("<select id=\"p-algorithm\"")
			.contains("<option value=\"naive\">naive</option>");
	}

	/**
	 * A field given twice is refused beside the form, naming it, as the API refuses a body that gives one twice: taking
	 * one of the values would launch what the sender may not have meant.
	 */
	@Test
	void aLaunchFormGivingAFieldTwiceIsRefusedBesideTheFormNamingTheField() throws Exception {
		HttpClient operator = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
		String login = csrfToken(operator.send(request("/login"), HttpResponse.BodyHandlers.ofString()).body());
		operator.send(form("/login", "username=operator&password=" + PASSWORD + "&_csrf=" + login),
				HttpResponse.BodyHandlers.ofString());
		String token = csrfToken(operator.send(request("/jobs/factorize"), HttpResponse.BodyHandlers.ofString()).body());

		HttpResponse<String> threads = operator.send(
				form("/jobs/factorize", "p.numbers=12&p.threads=1&p.threads=2&_csrf=" + token),
				HttpResponse.BodyHandlers.ofString());
		HttpResponse<String> fresh = operator.send(
				form("/jobs/factorize", "p.numbers=12&newInstance=on&newInstance=on&_csrf=" + token),
				HttpResponse.BodyHandlers.ofString());

		assertThat(threads.statusCode()).as(threads.headers().map().toString()).isEqualTo(422);
		assertThat(threads.body()).contains("id=\"launch-error\"")
			.contains("the form gives &quot;threads&quot; twice: give it once")
			.containsPattern("<div class=\"field invalid\">\\s*<label for=\"p-threads\"");
		assertThat(fresh.statusCode()).isEqualTo(422);
		assertThat(fresh.body()).contains("the form gives &quot;new instance&quot; twice: give it once");
	}

	@Test
	void theLoginPageNamesTheOperatorsUser() throws Exception {
		assertThat(get("/login").body()).contains("The operator's user name is <code>operator</code>")
			.contains("name=\"username\" autocomplete=\"username\" required value=\"operator\"");
	}

	@Test
	void aHeadOfAPageFromThisHostIsAnsweredAsItsGetNotWithTheLoginPage() throws Exception {
		HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
		for (String path : List.of("/executions", "/jobs", "/dashboard.css")) {
			HttpResponse<Void> head = client.send(HttpRequest.newBuilder(URI.create(url(path)))
				.method("HEAD", HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.discarding());

			assertThat(head.statusCode()).as(path + " " + head.headers().map()).isEqualTo(200);
		}
	}

	/** The row of the executions list for this execution. */
	private static String row(String list, long id) {
		int at = list.indexOf("data-id=\"%d\"".formatted(id));
		assertThat(at).as("execution %d is listed", id).isPositive();
		return list.substring(at, list.indexOf("</tr>", at));
	}

	private static String csrfToken(String page) {
		Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page);
		assertThat(token.find()).as("the form carries its CSRF token").isTrue();
		return token.group(1);
	}

	private HttpRequest form(String path, String body) {
		return HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(body))
			.build();
	}

	private HttpResponse<String> get(String path) throws Exception {
		return this.http.send(request(path), HttpResponse.BodyHandlers.ofString());
	}

	private HttpRequest request(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).GET().build();
	}

}
