package dev.fanout.web.dashboard;

import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.web.util.HtmlUtils;

import dev.fanout.CommandResult;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.core.ExitCodes;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.launch.ExecutionAction;
import dev.fanout.launch.ExecutionRules;
import dev.fanout.launch.ExecutionStates;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboard shows a button exactly for the actions that the CLI and the API carry out, and for the others all
 * three refuse with the rules' same refusal, each in its own words: the CLI's commands, the API's requests, the
 * dashboard's buttons and forms. For executions in each state that the rules tell apart, written into the repository
 * as the runs that leave them would.
 */
class ExecutionRulesAgreementTests extends DashboardTesting {

	private static final Pattern BUTTON = Pattern.compile("id=\"action-(\\w+)\"");

	private static final Pattern PROBLEM = Pattern.compile("<p class=\"problem\" role=\"alert\">([^<]*)</p>");

	private static final Pattern NOTICE = Pattern.compile("<p class=\"notice\" role=\"status\">([^<]*)</p>");

	private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

	private static final AtomicInteger numbers = new AtomicInteger(1000);

	private final HttpClient operator = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	ExecutionStates states;

	private final JsonMapper json = JsonMapper.builder().build();

	@BeforeEach
	void logIn() throws Exception {
		String token = csrf(send(GET("/login")).body());
		HttpResponse<String> login = send(HttpRequest.newBuilder(URI.create(url("/login")))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("username=operator&password=" + PASSWORD + "&_csrf=" + token)));
		assertThat(login.headers().firstValue("Location")).hasValue(url("/"));
	}

	@Test
	void theDashboardShowsTheButtonsOfTheActionsThatTheCliAndTheApiAllowAndAllThreeRefuseTheOthersAlikeInTheirWords()
			throws Exception {
		Map<String, Supplier<JobExecution>> states = Map.ofEntries(
				Map.entry("STARTED, its process alive", () -> execution(BatchStatus.STARTED, LocalDateTime.now())),
				Map.entry("STARTED, orphaned", () -> execution(BatchStatus.STARTED, LocalDateTime.now().minusHours(2))),
				Map.entry("STOPPING, its process alive", () -> execution(BatchStatus.STOPPING, LocalDateTime.now())),
				Map.entry("STOPPED", () -> execution(BatchStatus.STOPPED, LocalDateTime.now().minusMinutes(1))),
				Map.entry("FAILED", () -> execution(BatchStatus.FAILED, LocalDateTime.now().minusMinutes(1))),
				Map.entry("FAILED, then completed by a restart", this::failedThenCompleted),
				Map.entry("FAILED, then failed again in a restart", this::failedTwice),
				Map.entry("COMPLETED", () -> execution(BatchStatus.COMPLETED, LocalDateTime.now().minusMinutes(1))),
				Map.entry("ABANDONED", () -> execution(BatchStatus.ABANDONED, LocalDateTime.now().minusMinutes(1))),
				Map.entry("UNKNOWN", () -> execution(BatchStatus.UNKNOWN, LocalDateTime.now().minusMinutes(1))),
				Map.entry("STOPPED, a step left running by a dead process", this::stoppedWithAStepLeftRunning));
		List<String> shownSomewhere = new ArrayList<>();
		for (Map.Entry<String, Supplier<JobExecution>> state : states.entrySet()) {
			for (ExecutionAction action : ExecutionAction.values()) {
				// A fresh execution for each action: an allowed action changes it.
				long id = state.getValue().get().getId();
				String as = state.getKey() + ", " + action.word();
				String page = send(GET("/executions/" + id)).body();
				ExecutionRules.Refusal refusal = this.states
					.decide(this.jobRepository.getJobExecution(id), action, false)
					.refusal();
				boolean shown = BUTTON.matcher(page).results().anyMatch((m) -> m.group(1).equals(action.word()));
				HttpResponse<String> api = send(HttpRequest.newBuilder(URI.create(url("/api/executions/" + id + "/" + action.word())))
					.header("Authorization", "Basic " + Base64.getEncoder()
						.encodeToString(("operator:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
					.POST(HttpRequest.BodyPublishers.noBody()));
				if (shown) {
					shownSomewhere.add(as);
					assertThat(api.statusCode()).as(as + ": " + api.body()).isBetween(200, 299);
					continue;
				}
				assertThat(api.statusCode()).as(as + ": " + api.body()).isEqualTo(409);
				assertThat(refusal).as(as).isNotNull();
				String message = this.json.readTree(api.body()).path("detail").asString();
				assertThat(message).as(as).startsWith("execution ").isEqualTo(refusal.api());
				saysWhatToSend(as, message, refusal);

				CommandResult cli = CommandResult.of(this.commandLine, action.word(), Long.toString(id));
				assertThat(cli.exitCode()).as(as + ": " + cli).isEqualTo(ExitCodes.CONFLICT);
				assertThat(cli.err()).as(as).contains(refusal.cli());

				HttpResponse<String> dashboard = send(HttpRequest.newBuilder(URI.create(url("/executions/" + id + "/" + action.word())))
					.header("Content-Type", "application/x-www-form-urlencoded")
					.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(page))));
				assertThat(dashboard.statusCode()).as(as + ": " + dashboard.body()).isEqualTo(409);
				Matcher problem = PROBLEM.matcher(dashboard.body());
				assertThat(problem.find()).as(as + ": " + dashboard.body()).isTrue();
				String refused = HtmlUtils.htmlUnescape(problem.group(1));
				assertThat(refused).as(as).isEqualTo(refusal.page());
				saysWhichButton(as, refused, refusal);
			}
		}
		assertThat(shownSomewhere).as("every action has a state that shows its button").containsAll(List.of(
				"STARTED, its process alive, stop", "FAILED, restart", "STARTED, orphaned, recover", "FAILED, abandon",
				"UNKNOWN, recover", "UNKNOWN, abandon", "STOPPED, restart"));
	}

	@Test
	void recoveringOnTheDashboardSaysToRestartWithItsButtonAndARefusedRestartNamesTheLaunchForm() throws Exception {
		long orphan = execution(BatchStatus.STARTED, LocalDateTime.now().minusHours(2)).getId();
		HttpResponse<String> recovered = post("/executions/" + orphan + "/recover", send(GET("/executions/" + orphan)).body());
		assertThat(recovered.statusCode()).as(recovered.body()).isEqualTo(302);
		String page = send(GET("/executions/" + orphan)).body();
		Matcher notice = NOTICE.matcher(page);
		assertThat(notice.find()).as(page).isTrue();
		assertThat(HtmlUtils.htmlUnescape(notice.group(1))).contains("now FAILED. Restart it with its Restart button.")
			.doesNotContain("fanout ");
		assertThat(page).contains("id=\"action-restart\"");

		JobExecution abandoned = execution(BatchStatus.ABANDONED, LocalDateTime.now().minusMinutes(1));
		String numbers = abandoned.getJobParameters().getString("numbers");
		HttpResponse<String> restart = post("/executions/" + abandoned.getId() + "/restart",
				send(GET("/executions/" + abandoned.getId())).body());
		assertThat(restart.statusCode()).as(restart.body()).isEqualTo(409);
		Matcher problem = PROBLEM.matcher(restart.body());
		assertThat(problem.find()).as(restart.body()).isTrue();
		assertThat(HtmlUtils.htmlUnescape(problem.group(1)))
			.containsPattern("For a fresh instance with the same parameters: launch factorize from Jobs \\(numbers="
					+ numbers + "[^)]*\\) with \"new instance\" ticked$")
			.doesNotContain("fanout ", "--new");
	}

	@Test
	void anExecutionAbandonedOnTheDashboardSaysSoOnItsPageAndInTheListInsteadOfAdvisingARestart() throws Exception {
		JobExecution stopped = execution(BatchStatus.STOPPED, LocalDateTime.now().minusMinutes(1));
		stopped.setExitStatus(ExitStatus.STOPPED.addExitDescription(ReadableFailures.STOPPED));
		this.jobRepository.update(stopped);
		long id = stopped.getId();

		HttpResponse<String> abandoned = post("/executions/" + id + "/abandon", send(GET("/executions/" + id)).body());

		assertThat(abandoned.statusCode()).as(abandoned.body()).isEqualTo(302);
		String expected = HtmlUtils.htmlEscape("abandoned: its instance never runs again; it had ended STOPPED: stopped "
				+ "on request (fanout stop, the dashboard's Stop, or a signal) at a step or chunk boundary");
		assertThat(send(GET("/executions/" + id)).body()).contains("<pre>" + expected + "</pre>")
			.doesNotContain("a restart resumes it");
		String list = send(GET("/executions?job=factorize&status=ABANDONED")).body();
		int row = list.indexOf("data-id=\"%d\"".formatted(id));
		assertThat(row).as(list).isPositive();
		assertThat(list.substring(row, list.indexOf("</tr>", row))).contains("title=\"" + expected + "\"");
	}

	private HttpResponse<String> post(String path, String page) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(url(path)))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString("_csrf=" + csrf(page))));
	}

	/** The API's refusal names no command; where the CLI's says what to type, it says what to send instead. */
	private static void saysWhatToSend(String as, String message, ExecutionRules.Refusal refusal) {
		assertThat(message).as(as).doesNotContain("fanout ", "--force", "--new", "'recover ");
		if (namesACommand(refusal.cli())) {
			assertThat(message).as(as)
				.containsPattern("POST /api/(executions/\\d+/(stop|restart|recover|abandon)|jobs/factorize/executions)"
						+ "|wait for it to stop");
		}
	}

	/**
	 * The dashboard's refusal names no command nor request; where the CLI's says what to type, it names a button or
	 * form.
	 */
	private static void saysWhichButton(String as, String message, ExecutionRules.Refusal refusal) {
		assertThat(message).as(as).doesNotContain("fanout ", "--force", "--new", "'recover ", "/api/");
		if (namesACommand(refusal.cli())) {
			assertThat(message).as(as)
				.containsPattern("(Stop|Restart|Recover|Abandon) button|from Jobs .* \"new instance\" ticked|wait for it to stop");
		}
	}

	private static boolean namesACommand(String cliRefusal) {
		return cliRefusal.contains("fanout ") || cliRefusal.contains("'recover ");
	}

	/** A new factorize instance with one execution in this status, started then. */
	private JobExecution execution(BatchStatus status, LocalDateTime start) {
		JobParameters parameters = parameters();
		JobInstance instance = this.jobRepository.createJobInstance("factorize", parameters);
		return execution(instance, parameters, status, start);
	}

	private JobExecution execution(JobInstance instance, JobParameters parameters, BatchStatus status,
			LocalDateTime start) {
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(start);
		execution.setStatus(status);
		if (!status.isRunning()) {
			execution.setEndTime(start.plusSeconds(1));
			execution.setExitStatus(new ExitStatus(status.name()));
		}
		this.jobRepository.update(execution);
		return execution;
	}

	private JobExecution failedThenCompleted() {
		return failedThen(BatchStatus.COMPLETED);
	}

	private JobExecution failedTwice() {
		return failedThen(BatchStatus.FAILED);
	}

	/** A failed execution that is not its instance's last: a later one ended {@code laterStatus}. */
	private JobExecution failedThen(BatchStatus laterStatus) {
		JobParameters parameters = parameters();
		JobInstance instance = this.jobRepository.createJobInstance("factorize", parameters);
		JobExecution failed = execution(instance, parameters, BatchStatus.FAILED, LocalDateTime.now().minusMinutes(2));
		execution(instance, parameters, laterStatus, LocalDateTime.now().minusMinutes(1));
		return failed;
	}

	/** What a process that exited in the middle of a stop leaves. */
	private JobExecution stoppedWithAStepLeftRunning() {
		JobExecution stopped = execution(BatchStatus.STOPPED, LocalDateTime.now().minusHours(1));
		StepExecution step = this.jobRepository.createStepExecution("factorizeManager", stopped);
		step.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(step);
		return stopped;
	}

	private JobParameters parameters() {
		return this.launcher.parameters("factorize", Map.of("numbers", Integer.toString(numbers.incrementAndGet())), true);
	}

	private HttpRequest.Builder GET(String path) {
		return HttpRequest.newBuilder(URI.create(url(path))).GET();
	}

	private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
		return this.operator.send(request.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static String csrf(String page) {
		Matcher token = CSRF.matcher(page);
		assertThat(token.find()).as("the page carries a CSRF token").isTrue();
		return token.group(1);
	}

}
