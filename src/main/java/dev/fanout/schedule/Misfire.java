package dev.fanout.schedule;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a schedule does with firings the scheduler missed (it was down, or woke up late). */
public enum Misfire {

	/** Missed firings are logged and not run; the schedule goes on with its next firing. */
	SKIP,

	/** The most recent missed firing runs once, identified by its own scheduled time; older ones are skipped. */
	RUN_ONCE;

	/** {@code skip} or {@code run-once}, as written in the configuration. */
	public String text() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}

	/** Parses {@code skip} or {@code run-once} (any case; blank means {@code skip}). */
	static Misfire parse(String text) {
		if (text == null || text.isBlank()) {
			return SKIP;
		}
		for (Misfire misfire : values()) {
			if (misfire.text().equalsIgnoreCase(text.strip())) {
				return misfire;
			}
		}
		throw new IllegalArgumentException("misfire '%s' is not one of %s".formatted(text,
				Arrays.stream(values()).map(Misfire::text).collect(Collectors.joining(", "))));
	}

}
