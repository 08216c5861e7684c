package dev.fanout.jobs.sensors;

import java.time.Duration;
import java.util.Map;

import dev.fanout.batch.ParameterValues;
import dev.fanout.jobs.sensors.counting.CounterMode;

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

	/** Parses and checks the values, defaults applied ({@link SensorsJobDescription} declares them). */
	static SensorsParameters parse(ParameterValues values) {
		return new SensorsParameters(values.whole("sensors", 1, MAX_SENSORS),
				values.whole("readings", 1, (int) MAX_READINGS), values.duration("readLatency", MAX_READ_LATENCY, "100ms"),
				CounterMode.parse(values.required("counter")));
	}

	/** Parses and checks the values as given, e.g. {@code "5", "100000", "100ms", "locked"}. */
	public static SensorsParameters parse(String sensors, String readings, String readLatency, String counter) {
		return parse(new ParameterValues(
				Map.of("sensors", sensors, "readings", readings, "readLatency", readLatency, "counter", counter)));
	}

	/** Readings all sensors take together: what an exact counter finds. */
	long expected() {
		return this.sensors * this.readings;
	}

}
