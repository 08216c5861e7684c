package dev.fanout.jobs.sensors;

import java.util.List;

import dev.fanout.cli.BadInput;

import static dev.fanout.cli.BadInput.refused;

/**
 * sensors's bad inputs, run by {@code dev.fanout.cli.BadInputCatalogueTests} and kept here, beside its
 * {@link SensorsKillScenario}.
 */
public final class SensorsBadInputs {

	private SensorsBadInputs() {
	}

	public static List<BadInput> cases() {
		return List.of(refused("sensors unknown parameter", "run sensors color=blue",
				"unknown parameter color for job 'sensors'; it takes: sensors, readings, readLatency, counter"),
				refused("sensors zero sensors", "run sensors sensors=0", "sensors=0 is not a whole number from 1 to 1024"),
				refused("sensors too many sensors", "run sensors sensors=2000", "sensors=2000 is not a whole number from 1 to 1024"),
				refused("sensors negative readings", "run sensors readings=-1", "readings=-1 is not a whole number from 1 to 1000000000"),
				refused("sensors readings in exponent form", "run sensors readings=1e6", "readings=1e6 is not a whole number"),
				refused("sensors too many readings", "run sensors readings=1000000001", "readings=1000000001 is not a whole number from 1 to 1000000000"),
				refused("sensors bad duration", "run sensors readLatency=abc", "readLatency=abc is not a duration; write it like 500ms, 30s, 2m, 1h or 7d"),
				refused("sensors negative duration", "run sensors readLatency=-1s", "readLatency=-1s is not a duration"),
				refused("sensors duration too long", "run sensors readLatency=2m", "readLatency=2m is longer than 10s; give 0 to 10s"),
				refused("sensors unknown counter", "run sensors counter=foo", "counter=foo is not one of locked, atomic, adder, partitioned, unsafe"));
	}

}
