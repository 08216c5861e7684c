package dev.fanout.batch;

import java.time.Duration;
import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.DurationText;
import dev.fanout.core.WholeNumbers;

/**
 * The text of a launch's parameters, defaults applied ({@link JobDescription#withDefaults}), for a job's
 * {@link JobDescription#parse(ParameterValues)}; the common conversions give every job the same messages.
 */
public record ParameterValues(Map<String, String> values) {

	public ParameterValues {
		values = Map.copyOf(values);
	}

	/** The value, or {@code null} when it is not given and has no default. */
	public @Nullable String get(String name) {
		return this.values.get(name);
	}

	/** The value of a parameter that has a default: always present. */
	public String required(String name) {
		String value = this.values.get(name);
		if (value == null) {
			throw new IllegalStateException("parameter " + name + " has no value: its job description declares no default");
		}
		return value;
	}

	/** A whole number from {@code min} to {@code max} ({@link WholeNumbers}). */
	public int whole(String name, int min, int max) {
		return WholeNumbers.parse(name, required(name), min, max);
	}

	/** A duration as {@link DurationText} reads it. */
	public Duration duration(String name) {
		return DurationText.parse(name, required(name));
	}

	/** A duration from 0 to {@code max}; a longer one is refused, suggesting {@code example} (e.g. {@code 10ms}). */
	public Duration duration(String name, Duration max, String example) {
		Duration duration = duration(name);
		if (duration.compareTo(max) > 0) {
			throw new IllegalArgumentException("%s=%s is longer than %s; give 0 to %s, e.g. %s".formatted(name,
					required(name).strip(), DurationText.format(max), DurationText.format(max), example));
		}
		return duration;
	}

}
