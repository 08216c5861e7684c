package dev.fanout.cli;

import java.io.PrintWriter;
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
			jobsRan = signals.jobsRunningAtSignal();
			if (!jobsRan) {
				out.println("No job running; closing the server.");
				out.flush();
			}
			logger.info("Signal received: stopping the running jobs, then the server");
			stopServing(background);
		}
		if (jobsRan) {
			out.println("Jobs stopped; closing the server.");
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
