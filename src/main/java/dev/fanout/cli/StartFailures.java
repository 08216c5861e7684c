package dev.fanout.cli;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;
import org.yaml.snakeyaml.error.MarkedYAMLException;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.Causes;
import dev.fanout.core.ExitCodes;
import dev.fanout.schedule.InvalidSchedulesException;

/**
 * The one line {@code main} prints when the application context does not start (details go to the log file), and the
 * exit code: 2 for a setting that cannot be read or is refused (nothing was launched), a schedule among them, a
 * configuration file that is not valid YAML, or a
 * repository that refuses the login or has no such database; 1 for anything else, a repository that cannot be reached
 * included (it may be down for a while: the command line is not wrong).
 */
public final class StartFailures {

	private StartFailures() {
	}

	/**
	 * @param environment the application's environment, when it was prepared before the failure: where {@code serve}
	 * tried to listen, the value of a setting as given
	 */
	public static StartFailure describe(RuntimeException failure, @Nullable Environment environment) {
		PortInUseException portInUse = Causes.find(failure, PortInUseException.class).orElse(null);
		if (portInUse != null) {
			String address = (environment != null) ? environment.getProperty("server.address", "0.0.0.0") : null;
			return new StartFailure("port %d%s is in use (another serve?); choose another with --server.port=N"
				.formatted(portInUse.getPort(), (address != null) ? " on " + address : ""), ExitCodes.FAILED);
		}
		MarkedYAMLException yaml = Causes.find(failure, MarkedYAMLException.class).orElse(null);
		if (yaml != null) {
			return new StartFailure(unreadableYaml(yaml), ExitCodes.USAGE);
		}
		InvalidSchedulesException schedules = Causes.find(failure, InvalidSchedulesException.class).orElse(null);
		if (schedules != null) {
			// Settings too: exit code 2 as the schedules command says it, not "could not start" with 1.
			return new StartFailure(schedules.getMessage(), ExitCodes.USAGE);
		}
		StartFailure line = SettingFailures.describe(failure, environment)
			.map((setting) -> new StartFailure(setting, ExitCodes.USAGE))
			.or(() -> RepositoryFailures.atStart(failure, environment))
			.orElseGet(() -> new StartFailure("could not start: " + ReadableFailures.describe(failure),
					ExitCodes.FAILED));
		// A driver's message may quote the URL, user and password included.
		return new StartFailure(RepositoryFailures.scrub(line.message(), environment), line.exitCode());
	}

	/**
	 * A configuration file that is not valid YAML, in one line: SnakeYAML's message spans six, with a drawing of the
	 * place, and names no file (the failure does not say which one; Boot reads several).
	 */
	private static String unreadableYaml(MarkedYAMLException failure) {
		StringBuilder line = new StringBuilder("a configuration file (config/application.yml, or one that a "
				+ "spring.config.* setting names) is not valid YAML: ");
		line.append(String.valueOf(failure.getProblem()).strip());
		if (failure.getProblemMark() != null) {
			line.append(" at line %d, column %d".formatted(failure.getProblemMark().getLine() + 1,
					failure.getProblemMark().getColumn() + 1));
		}
		if (failure.getContext() != null && failure.getContextMark() != null) {
			line.append(" (%s that starts at line %d, column %d)".formatted(failure.getContext().strip(),
					failure.getContextMark().getLine() + 1, failure.getContextMark().getColumn() + 1));
		}
		return line.toString();
	}

	/** @param message the line after {@code fanout: } */
	public record StartFailure(String message, int exitCode) {

	}

}
