package dev.fanout.cli;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.ExitCodes;

/**
 * The one line {@code main} prints when the application context does not start (details go to the log file), and the
 * exit code: 2 for a setting that cannot be read or is refused (nothing was launched), 1 for anything else.
 */
public final class StartFailures {

	private StartFailures() {
	}

	/**
	 * @param environment the application's environment, when it was prepared before the failure: where {@code serve}
	 * tried to listen, the value of a setting as given
	 */
	public static StartFailure describe(RuntimeException failure, @Nullable Environment environment) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof PortInUseException portInUse) {
				String address = (environment != null) ? environment.getProperty("server.address", "0.0.0.0") : null;
				return new StartFailure("port %d%s is in use (another serve?); choose another with --server.port=N"
					.formatted(portInUse.getPort(), (address != null) ? " on " + address : ""), ExitCodes.FAILED);
			}
		}
		return SettingFailures.describe(failure, environment)
			.map((setting) -> new StartFailure(setting, ExitCodes.USAGE))
			.orElseGet(() -> new StartFailure("could not start: " + ReadableFailures.describe(failure),
					ExitCodes.FAILED));
	}

	/** @param message the line after {@code fanout: } */
	public record StartFailure(String message, int exitCode) {

	}

}
