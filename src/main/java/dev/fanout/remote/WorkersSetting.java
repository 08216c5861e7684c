package dev.fanout.remote;

import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Checks {@code fanout.workers} when the process starts: a misspelt value (say {@code remtoe}) would otherwise run
 * every job locally without a word, as Spring's condition on {@code remote} simply does not match it.
 */
@Component
class WorkersSetting {

	private static final Set<String> VALUES = Set.of("local", "remote");

	WorkersSetting(Environment environment) {
		String value = environment.getProperty("fanout.workers", "local");
		if (!VALUES.contains(value.strip().toLowerCase(Locale.ROOT))) {
			throw new IllegalArgumentException(("fanout.workers=%s: give local (the default: partitions run in this "
					+ "process) or remote (on 'fanout worker' processes, with the postgres and remote profiles)")
				.formatted(value));
		}
	}

}
