package dev.fanout.cli;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceLock;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.RepositoryQueries;
import dev.fanout.RunsBesideTheSuite;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code serve} as operators run it: a real JVM on a free port, CLI commands in other JVMs on the same data
 * directory meanwhile (all clients of the repository's server), and SIGTERM stopping a job the server runs before it
 * exits.
 */
@RunsBesideTheSuite
@ResourceLock(RunsBesideTheSuite.HTTP_CLIENT_THREADS)
class ServeProcessTests {

	private static final Pattern SERVING = Pattern.compile("Serving http://127\\.0\\.0\\.1:(\\d+)/api");

	private static final String PASSWORD = "serve-process-secret";

	private final HttpClient http = HttpClient.newHttpClient();

	@Test
	void servesWhileTheCliUsesTheSameRepositoryAndStopsItsJobOnSigterm() throws Exception {
		Path data = TestDataDirectories.fresh("ServeProcessTests");
		FanoutProcess fanout = new FanoutProcess(data);
		FanoutProcess.Started server = fanout.start("serve", "--server.port=0", "--fanout.web.operator.password=" + PASSWORD,
				"--fanout.sensors.chunk-size=5");
		try {
			String base = awaitServing(server);
			assertThat(send(HttpRequest.newBuilder(URI.create(base + "/actuator/health")).build()).body())
				.contains("\"status\":\"UP\"");

			HttpResponse<String> launched = send(HttpRequest.newBuilder(URI.create(base + "/api/jobs/sensors/executions"))
				.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:" + PASSWORD).getBytes()))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofString("{\"parameters\": {\"readings\": \"100000\", \"readLatency\": \"5ms\"}}"))
				.build());
			assertThat(launched.statusCode()).as(launched.body()).isEqualTo(202);
			long served = Long.parseLong(launched.headers().firstValue("Location").orElseThrow().replaceAll(".*/", ""));

			CommandResult history = fanout.run("history");
			assertThat(history.exitCode()).as(history.toString()).isZero();
			assertThat(history.out()).as("the CLI reads what the server runs")
				.containsPattern("(?m)^\\s*" + served + "\\s+sensors\\s+STARTED");

			server.process().destroy(); // SIGTERM
			assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
			assertThat(server.process().exitValue()).as(Files.readString(server.err())).isZero();
			assertThat(Files.readString(server.out())).contains("Jobs stopped; closing the server.");
			assertThat(RepositoryQueries.status(data, served)).as("stopped at a boundary, not left running")
				.isEqualTo("STOPPED");
		}
		catch (AssertionError | Exception ex) {
			server.process().destroyForcibly();
			throw ex;
		}
	}

	@Test
	void aSecondServeOnTheSamePortSaysWhichPortAndAnIdleServeClosesWithoutStoppingJobs() throws Exception {
		Path data = TestDataDirectories.fresh("ServeProcessTests-idle");
		FanoutProcess fanout = new FanoutProcess(data);
		FanoutProcess.Started server = fanout.start("serve", "--server.port=0");
		try {
			String base = awaitServing(server);
			String port = base.replaceAll(".*:", "");

			CommandResult second = fanout.run("serve", "--server.port=" + port);
			assertThat(second.exitCode()).as(second.toString()).isEqualTo(ExitCodes.FAILED);
			assertThat(second.err()).as(second.toString())
				.contains("fanout: port %s on 127.0.0.1 is in use (another serve?); choose another with --server.port=N\n"
					.formatted(port))
				.doesNotContain("Exception")
				.doesNotContain("could not start");

			server.process().destroy(); // SIGTERM with no job running
			assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
			assertThat(server.process().exitValue()).as(Files.readString(server.err())).isZero();
			assertThat(Files.readString(server.out())).contains("No job running; closing the server.")
				.doesNotContain("Jobs stopped");
			assertThat(Files.readString(server.err())).doesNotContain("stopping at the next boundary");
		}
		catch (AssertionError | Exception ex) {
			server.process().destroyForcibly();
			throw ex;
		}
	}

	/**
	 * As the systemd unit of operations.md gives it: the operator's password in a file of a credentials directory,
	 * imported with Spring Boot's {@code configtree:}, in neither the process's command line nor its environment.
	 */
	@Test
	void theOperatorsPasswordComesFromAFileAsAServiceManagerHandsItOver() throws Exception {
		Path data = TestDataDirectories.fresh("ServeProcessTests-credentials");
		Path credentials = Files.createDirectories(data.resolveSibling("ServeProcessTests-credentials-directory"));
		String password = "from-a-credentials-file";
		Files.writeString(credentials.resolve("fanout.web.operator.password"), password);
		FanoutProcess.Started server = new FanoutProcess(data)
			.withEnvironment("SPRING_CONFIG_IMPORT", "optional:configtree:" + credentials + "/")
			.start("serve", "--server.port=0");
		try {
			String base = awaitServing(server);
			assertThat(Files.readString(server.out())).doesNotContain("Read-only");
			assertThat(stopAs(base, password).statusCode()).as("the operator, let in: no such execution")
				.isEqualTo(404);
			assertThat(stopAs(base, "wrong").statusCode()).isEqualTo(401);
			long pid = server.process().pid();
			assertThat(Files.readString(Path.of("/proc/" + pid + "/cmdline"))).doesNotContain(password);
			assertThat(Files.readString(Path.of("/proc/" + pid + "/environ"))).doesNotContain(password);

			server.process().destroy(); // SIGTERM
			assertThat(server.process().waitFor(90, TimeUnit.SECONDS)).as("serve exits after SIGTERM").isTrue();
			assertThat(server.process().exitValue()).as(Files.readString(server.err())).isZero();
		}
		catch (AssertionError | Exception ex) {
			server.process().destroyForcibly();
			throw ex;
		}
	}

	private HttpResponse<String> stopAs(String base, String password) throws Exception {
		return send(HttpRequest.newBuilder(URI.create(base + "/api/executions/987654321/stop"))
			.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(("operator:" + password).getBytes()))
			.POST(HttpRequest.BodyPublishers.noBody())
			.build());
	}

	/**
	 * A repository server that stops answering (SIGSTOP: as a hung or frozen process, which still accepts
	 * connections) is a failure within the network timeout, not a request or command that waits for ever: the API's
	 * 503 problem, the dashboard's error page, and {@code history}'s one line with exit code 1. Once it goes on, the
	 * API answers again.
	 */
	@Test
	void aStalledRepositoryServerIsAnAnswerWithinTheNetworkTimeoutNotAWaitForEver() throws Exception {
		Path data = TestDataDirectories.fresh("ServeProcessTests-stalled");
		// Short for the test; the pool's wait for a connection too, which is what a request waits for when the
		// connection it had is found dead. The server stops soon after the test.
		String[] timeouts = { "--fanout.repository.network-timeout=2s", "--fanout.repository.idle-timeout=1s" };
		FanoutProcess fanout = new FanoutProcess(data);
		FanoutProcess.Started server = fanout.start("serve", "--server.port=0", timeouts[0], timeouts[1],
				"--spring.datasource.hikari.connection-timeout=2000");
		FanoutProcess.Started history = null;
		try {
			String base = awaitServing(server);
			assertThat(get(base + "/api/executions", "application/json").statusCode()).isEqualTo(200);
			long repositoryServer = ServerRecord.read(RepositoryFiles.of(data)).orElseThrow().pid();

			signal("STOP", repositoryServer);
			HttpResponse<String> api;
			HttpResponse<String> page;
			CommandResult read;
			try {
				history = fanout.start(timeouts[0], timeouts[1], "history");
				long asked = System.nanoTime();
				CompletableFuture<HttpResponse<String>> apiAnswer = getAsync(base + "/api/executions",
						"application/json");
				CompletableFuture<HttpResponse<String>> pageAnswer = getAsync(base + "/executions", "text/html");
				api = apiAnswer.get();
				page = pageAnswer.get();
				// 2 s to find the pool's connection dead, 2 s for a new one at most; the rest is a loaded machine's.
				assertThat(Duration.ofNanos(System.nanoTime() - asked)).as("answered within the timeouts")
					.isLessThan(Duration.ofSeconds(15));
				assertThat(history.process().waitFor(30, TimeUnit.SECONDS)).as("history ends").isTrue();
				read = history.finish();
			}
			finally {
				signal("CONT", repositoryServer);
			}

			assertThat(api.statusCode()).as(api.body()).isEqualTo(503);
			assertThat(api.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
			assertThat(api.body()).contains("the job repository").contains("try again in a moment");
			assertThat(page.statusCode()).as(page.body()).isEqualTo(503);
			assertThat(page.body()).contains("<h1>503 Service Unavailable</h1>").contains("the job repository");
			assertThat(read.exitCode()).as(read.toString()).isEqualTo(ExitCodes.FAILED);
			assertThat(read.err()).as(read.toString())
				.startsWith("fanout: cannot reach the job repository's server for ")
				.contains("Read timed out")
				.contains("a server that does not answer is the pid in " + data.resolve("repository/server.properties"))
				.doesNotContain("\tat ");
			Await.until("the API answering again", Duration.ofSeconds(30),
					() -> get(base + "/api/executions", "application/json").statusCode() == 200);
		}
		finally {
			server.process().destroyForcibly();
			if (history != null) {
				history.process().destroyForcibly();
			}
		}
	}

	private HttpResponse<String> get(String uri, String accept) throws Exception {
		return getAsync(uri, accept).get();
	}

	/** A GET that gives up after 30 s: a request the timeouts do not end fails the test instead of hanging it. */
	private CompletableFuture<HttpResponse<String>> getAsync(String uri, String accept) {
		return this.http.sendAsync(HttpRequest.newBuilder(URI.create(uri)).header("Accept", accept)
			.timeout(Duration.ofSeconds(30))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static void signal(String signal, long pid) throws Exception {
		Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
		assertThat(kill.waitFor()).as("kill -" + signal + " " + pid).isZero();
	}

	private String awaitServing(FanoutProcess.Started server) throws Exception {
		Await.until("serve prints its address", Duration.ofSeconds(90),
				() -> SERVING.matcher(Files.readString(server.out())).find() || !server.process().isAlive());
		Matcher matcher = SERVING.matcher(Files.readString(server.out()));
		assertThat(matcher.find()).as("serve failed: " + Files.readString(server.err())).isTrue();
		return "http://127.0.0.1:" + matcher.group(1);
	}

	private HttpResponse<String> send(HttpRequest request) throws Exception {
		return this.http.send(request, HttpResponse.BodyHandlers.ofString());
	}

}
