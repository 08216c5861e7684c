package dev.fanout.jobs.sensors.counting;

import java.time.Duration;

/**
 * The simulated sensor network: a read blocks for the read latency, like the book's {@code # Read from the sensor}
 * I/O, then returns a light level. Stateless and thread-safe; tests replace it to inject failures.
 */
public class LightSensors {

	public Reading read(int sensor, long sequence, Duration latency) throws InterruptedException {
		if (!latency.isZero()) {
			// The blocking call that threads overlap (item 53): the thread sleeps, the CPU is free for other sensors.
			Thread.sleep(latency);
		}
		return new Reading(sensor, sequence, lux(sensor, sequence));
	}

	/** A repeatable light level in [0, 100000) lux: a hash of the sensor and sequence. */
	static int lux(int sensor, long sequence) {
		long mixed = (sequence * 0x9E3779B97F4A7C15L) ^ (sensor * 0xC2B2AE3D27D4EB4FL);
		return (int) Math.floorMod(mixed ^ (mixed >>> 31), 100_000L);
	}

}
