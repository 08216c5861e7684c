package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.DurationText;

/**
 * The typed parameters of one {@code sensors} run. Every parse error names the parameter, the bad value and what is
 * accepted.
 *
 * @param sensors sensors, each read by its own worker thread (and partition)
 * @param readings readings per sensor
 * @param readLatency how long one simulated blocking read takes
 * @param counter how readings are counted
 */
public record SensorsParameters(int sensors, long readings, Duration readLatency, CounterMode counter) {

	static final int MAX_SENSORS = 1024;

	static final long MAX_READINGS = 1_000_000_000L;

	static final Duration MAX_READ_LATENCY = Duration.ofSeconds(10);

	public static final String DEFAULT_SENSORS = "5";

	public static final String DEFAULT_READINGS = "100000";

	public static final String DEFAULT_READ_LATENCY = "0";

	static final String DEFAULT_COUNTER = "partitioned";

	/** Parses and checks the parameters; absent ones take the defaults {@code jobs} lists. */
	static SensorsParameters from(JobParameters parameters) {
		return parse(parameters.getString("sensors", DEFAULT_SENSORS),
				parameters.getString("readings", DEFAULT_READINGS),
				parameters.getString("readLatency", DEFAULT_READ_LATENCY),
				parameters.getString("counter", DEFAULT_COUNTER));
	}

	/** Parses and checks the values as given, e.g. {@code "5", "100000", "100ms", "locked"}. */
	public static SensorsParameters parse(String sensors, String readings, String readLatency, String counter) {
		return new SensorsParameters((int) whole("sensors", sensors, MAX_SENSORS),
				whole("readings", readings, MAX_READINGS), duration("readLatency", readLatency),
				CounterMode.parse(counter));
	}

	/** Readings all sensors take together: what an exact counter finds. */
	long expected() {
		return this.sensors * this.readings;
	}

	static long whole(String name, String value, long max) {
		long number;
		try {
			number = Long.parseLong(value.trim());
		}
		catch (NumberFormatException ex) {
			number = 0;
		}
		if (number < 1 || number > max) {
			throw new IllegalArgumentException("%s=%s is not a whole number from 1 to %d".formatted(name, value, max));
		}
		return number;
	}

	/** A duration as {@link DurationText} reads it ({@code 0}, {@code 100ms}, {@code 1s}...), up to the maximum. */
	static Duration duration(String name, String value) {
		Duration duration = DurationText.parse(name, value);
		if (duration.compareTo(MAX_READ_LATENCY) > 0) {
			throw new IllegalArgumentException("%s=%s is longer than %s; give 0 to %s, e.g. 100ms".formatted(name,
					value, DurationText.format(MAX_READ_LATENCY), DurationText.format(MAX_READ_LATENCY)));
		}
		return duration;
	}

}
