package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.WebProperties;
import dev.fanout.launch.BackgroundLaunches;
import dev.fanout.launch.BackgroundLaunches.FailedLaunch;
import dev.fanout.schedule.SchedulerLifecycle;
import dev.fanout.web.OperatorAccount;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "serve", mixinStandardHelpOptions = true, description = {
		"Serve the REST API (/api), health and metrics (/actuator/health, /actuator/prometheus) on "
				+ "127.0.0.1:8080 (--server.address=..., --server.port=..., or SERVER_ADDRESS, SERVER_PORT), and run "
				+ "the jobs launched through it. CLI commands keep working on the same repository meanwhile.",
		"The dashboard is at http://127.0.0.1:8080/ (the same address and port). Reading needs no password; "
				+ "launch, stop, restart, recover and abandon need the operator's password, set with the environment "
				+ "variable FANOUT_OPERATOR_PASSWORD (without it the server is read-only).",
		"SIGTERM or Ctrl-C asks running jobs to stop at their next boundary, then closes the server." })
class ServeCommand implements Callable<Integer> {

	private static final Logger logger = LoggerFactory.getLogger(ServeCommand.class);

	@Spec
	private CommandSpec spec;

	private final Environment environment;

	private final SignalStop signalStop;

	private final ObjectProvider<BackgroundLaunches> launches;

	private final OperatorAccount operator;

	/** The scheduler, present in serve mode (none in tests that leave it out). */
	private final ObjectProvider<SchedulerLifecycle> scheduler;

	ServeCommand(Environment environment, SignalStop signalStop, ObjectProvider<BackgroundLaunches> launches,
			OperatorAccount operator, ObjectProvider<SchedulerLifecycle> scheduler) {
		this.environment = environment;
		this.signalStop = signalStop;
		this.launches = launches;
		this.operator = operator;
		this.scheduler = scheduler;
	}

	@Override
	public Integer call() throws InterruptedException {
		String port = this.environment.getProperty("local.server.port");
		BackgroundLaunches background = this.launches.getIfAvailable();
		if (port == null || background == null) {
			// FanoutApplication starts the web server only when 'serve' is the command.
			throw CommandFailure.usage("'serve' must be the command itself, e.g. 'fanout serve --server.port=8081'");
		}
		PrintWriter out = this.spec.commandLine().getOut();
		String base = "http://%s:%s".formatted(this.environment.getProperty("server.address", "0.0.0.0"), port);
		out.println("Serving %s/api (OpenAPI: %s/api/openapi.json), health %s/actuator/health, metrics %s/actuator/prometheus"
			.formatted(base, base, base, base));
		out.println("Dashboard: %s/ (log in as the operator to launch, stop, restart, recover and abandon)".formatted(base));
		if (!this.operator.configured()) {
			out.println("Read-only: " + WebProperties.HOW_TO_SET_PASSWORD + ".");
		}
		out.println("Ctrl-C or SIGTERM stops running jobs at their next boundary, then the server.");
		out.flush();
		logger.info("Serving on {}", base);
		PrintWriter err = this.spec.commandLine().getErr();
		boolean jobsRan;
		try (SignalStop.Installed signals = this.signalStop.installServing((notice) -> {
			err.println(notice);
			err.flush();
		})) {
			signals.awaitSignal();
			background.takeFailedAfterStart(); // logged as they failed; what is said below is of the stop
			jobsRan = signals.jobsRunningAtSignal();
			if (!jobsRan) {
				out.println("No job running; closing the server.");
				out.flush();
			}
			logger.info("Signal received: stopping the running jobs, then the server");
			stopServing(background);
		}
		return closing(jobsRan, background.takeFailedAfterStart(), out, err);
	}

	/**
	 * The last words: the jobs stopped, unless a launch failed as it stopped. Spring Batch records a job's failure
	 * itself; one that escapes it is of its own bookkeeping, such as the write of the execution's end to a repository
	 * that no longer answers: the execution may be left running there, and "stopped" would be untrue.
	 */
	static int closing(boolean jobsRan, List<FailedLaunch> failedAsTheyStopped, PrintWriter out, PrintWriter err) {
		for (FailedLaunch failed : failedAsTheyStopped) {
			err.println(("fanout: execution %d of %s failed as it stopped: %s; the repository may not have its end: if "
					+ "'fanout show %d' says it runs, 'fanout recover --orphans', then 'fanout restart %d'")
				.formatted(failed.executionId(), failed.jobName(), failed.failure(), failed.executionId(),
						failed.executionId()));
		}
		err.flush();
		if (!failedAsTheyStopped.isEmpty()) {
			out.println("Closing the server; %d execution%s failed as %s stopped (see above).".formatted(
					failedAsTheyStopped.size(), (failedAsTheyStopped.size() == 1) ? "" : "s",
					(failedAsTheyStopped.size() == 1) ? "it" : "they"));
			out.flush();
			return ExitCodes.FAILED;
		}
		if (jobsRan) {
			out.println("Jobs stopped; closing the server.");
			out.flush();
		}
		return ExitCodes.OK;
	}

	/**
	 * After the signal, while its stop sweeps ({@link SignalStop}) ask every running execution to stop: the API and
	 * the dashboard launch nothing more, the scheduler fires nothing more (it stops, and waits for its scheduled jobs),
	 * then the launches of the API and the dashboard are waited for. The scheduler used to run on until the context
	 * closed: a firing due while the launches stopped started a new instance that the sweep stopped at once, a STOPPED
	 * run that the next server took for launched and never ran again, instead of a missed firing that its misfire
	 * policy decides on.
	 */
	void stopServing(BackgroundLaunches background) throws InterruptedException {
		background.refuseLaunches();
		SchedulerLifecycle lifecycle = this.scheduler.getIfAvailable();
		if (lifecycle != null) {
			lifecycle.stop();
		}
		background.shutdownAndWait();
	}

}
