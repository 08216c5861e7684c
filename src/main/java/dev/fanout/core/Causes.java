package dev.fanout.core;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A failure's chain of causes, for the code that tells an operator what went wrong: a driver's or a library's
 * exception wrapped by Spring, by Spring Batch, by the JDK's HTTP client. Each cause once, so that a chain that loops
 * back on itself (an exception that is its own cause's cause) ends.
 */
public final class Causes {

	private Causes() {
	}

	/** {@code failure} and its causes, outermost first, each once. */
	public static List<Throwable> of(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable cause = failure; cause != null && !chain.contains(cause); cause = cause.getCause()) {
			chain.add(cause);
		}
		return chain;
	}

	/** The outermost of {@code failure} and its causes that is a {@code type}, if any. */
	public static <T extends Throwable> Optional<T> find(Throwable failure, Class<T> type) {
		return of(failure).stream().filter(type::isInstance).map(type::cast).findFirst();
	}

}
