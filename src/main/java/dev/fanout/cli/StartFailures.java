package dev.fanout.cli;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.Environment;

import dev.fanout.batch.ReadableFailures;

/** The one line {@code main} prints when the application context does not start (details go to the log file). */
public final class StartFailures {

	private StartFailures() {
	}

	/**
	 * @param environment the application's environment, when it was prepared before the failure: where {@code serve}
	 * tried to listen
	 */
	public static String describe(RuntimeException failure, @Nullable Environment environment) {
		for (Throwable cause = failure; cause != null; cause = (cause.getCause() != cause) ? cause.getCause() : null) {
			if (cause instanceof PortInUseException portInUse) {
				String address = (environment != null) ? environment.getProperty("server.address", "0.0.0.0") : null;
				return "port %d%s is in use (another serve?); choose another with --server.port=N".formatted(
						portInUse.getPort(), (address != null) ? " on " + address : "");
			}
		}
		return "could not start: " + ReadableFailures.describe(failure);
	}

}
