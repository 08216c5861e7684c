package dev.fanout.cli;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.Causes;
import dev.fanout.core.ExitCodes;
import dev.fanout.schedule.InvalidSchedulesException;

/**
 * The one line {@code main} prints when the application context does not start (details go to the log file), and the
 * exit code: 2 for a setting that cannot be read or is refused (nothing was launched), a schedule among them, or a
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

	/** @param message the line after {@code fanout: } */
	public record StartFailure(String message, int exitCode) {

	}

}
