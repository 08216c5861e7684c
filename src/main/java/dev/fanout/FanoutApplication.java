package dev.fanout;

import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import dev.fanout.cli.ContextFreeReads;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.cli.StartFailures;
import dev.fanout.core.ExitCodes;
import dev.fanout.repository.RepositoryServer;

@SpringBootApplication
public class FanoutApplication {

	/**
	 * Added to the arguments of {@code serve} only. Every other command stays a non-web application
	 * ({@code spring.main.web-application-type: none} in application.yml): no web server, no security filters, a
	 * quick start. Command-line properties outrank application.yml, and FanoutCommandLine ignores them.
	 */
	static final String[] SERVE_PROPERTIES = { "--spring.main.web-application-type=servlet", "--fanout.serving=true" };

	/** Added to the arguments of {@code worker} only: its beans (dev.fanout.remote) load for no other command. */
	static final String[] WORKER_PROPERTIES = { "--fanout.remote.worker=true" };

	public static void main(String[] args) {
		if (args.length > 0 && args[0].equals(RepositoryServer.COMMAND)) {
			RepositoryServer.main(args); // a repository server started by a client: no Spring, no CLI
			return;
		}
		PrintWriter out = new PrintWriter(System.out, true);
		PrintWriter err = new PrintWriter(System.err, true);
		Optional<String> repeated = FanoutCommandLine.repeatedSetting(args);
		if (repeated.isPresent()) {
			err.println("fanout: " + repeated.get());
			System.exit(ExitCodes.USAGE);
			return;
		}
		Integer answered = ContextFreeReads.run(args, out, err);
		if (answered != null) {
			System.exit(answered);
			return;
		}
		String[] command = FanoutCommandLine.withoutSpringProperties(args);
		if (command.length > 0) {
			FlightRecorderWarmUp.startFor(command[0]);
		}
		// Until Spring Boot starts logging (into the log file), a start that fails (a configuration file that is not
		// valid YAML) was logged by Logback's default configuration: its stack trace on standard output, before the one
		// line below. Boot's set-up of logging resets this level, so a later failure is still logged to the file.
		LoggingSystem.get(FanoutApplication.class.getClassLoader())
			.setLogLevel(SpringApplication.class.getName(), LogLevel.OFF);
		ConfigurableApplicationContext context;
		SpringApplication application = new SpringApplication(FanoutApplication.class);
		// Kept for the failure's message (where serve tried to listen); written and read on the main thread.
		AtomicReference<Environment> environment = new AtomicReference<>();
		application.addListeners((ApplicationEvent event) -> {
			if (event instanceof ApplicationEnvironmentPreparedEvent prepared) {
				environment.set(prepared.getEnvironment());
				GeneratedContext.useIfItFits(prepared.getEnvironment());
			}
		});
		try {
			context = application.run(springArguments(args));
		}
		catch (SpringApplication.AbandonedRunException ex) {
			throw ex; // the build generating the context (process-aot) stops the start here, once it is prepared
		}
		catch (RuntimeException ex) {
			// Logs go to the log file only; the operator still needs to see why nothing ran.
			StartFailures.StartFailure failure = StartFailures.describe(ex, environment.get());
			System.err.println("fanout: " + failure.message());
			System.exit(failure.exitCode());
			return;
		}
		int exitCode = context.getBean(FanoutCommandLine.class)
			.execute(args, out, err, FanoutCommandLine.stdoutIsTerminal());
		System.exit(SpringApplication.exit(context, () -> exitCode));
	}

	/**
	 * The arguments for Spring: those given, plus the web server's properties when the command is {@code serve}, or
	 * the worker's when it is {@code worker}.
	 */
	static String[] springArguments(String[] args) {
		String[] command = FanoutCommandLine.withoutSpringProperties(args);
		List<String> help = List.of("-h", "--help", "-V", "--version");
		boolean plain = command.length == 0 || Arrays.stream(command).anyMatch(help::contains);
		String[] added = plain ? new String[0] : switch (command[0]) {
			case "serve" -> SERVE_PROPERTIES;
			case "worker" -> WORKER_PROPERTIES;
			default -> new String[0];
		};
		return Stream.concat(Arrays.stream(args), Arrays.stream(added)).toArray(String[]::new);
	}

}
