package dev.fanout.history;

import java.time.Duration;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/** Durations of executions: measured to the end, or to now while running. */
public final class Durations {

	private Durations() {
	}

	static long millis(@Nullable LocalDateTime start, @Nullable LocalDateTime end) {
		if (start == null) {
			return 0;
		}
		return Duration.between(start, (end != null) ? end : LocalDateTime.now()).toMillis();
	}

	/** {@code 0.42 s}, {@code 12.3 s}, {@code 4 min 05 s}, {@code 2 h 03 min}. */
	public static String format(long millis) {
		if (millis < 10_000) {
			return "%.2f s".formatted(millis / 1000.0);
		}
		if (millis < 60_000) {
			return "%.1f s".formatted(millis / 1000.0);
		}
		long seconds = millis / 1000;
		if (seconds < 3600) {
			return "%d min %02d s".formatted(seconds / 60, seconds % 60);
		}
		return "%d h %02d min".formatted(seconds / 3600, (seconds % 3600) / 60);
	}

}
