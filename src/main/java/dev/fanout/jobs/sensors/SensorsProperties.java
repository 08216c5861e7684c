package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import dev.fanout.core.InvalidSetting;

/**
 * Tuning of the {@code sensors} job ({@code fanout.sensors.*}). A worker commits its readings a chunk at a time: a
 * restart redoes at most one chunk per sensor, the shared counter receives a chunk's increments when it commits, and
 * progress moves as chunks commit.
 *
 * @param chunkSize readings per chunk at most (reads without latency take microseconds: a chunk of them commits at
 * once)
 * @param commitInterval with a {@code readLatency}, about how often a worker commits: its chunks hold as many readings
 * as fit in this interval (at least one, at most {@code chunkSize})
 */
@ConfigurationProperties("fanout.sensors")
record SensorsProperties(@DefaultValue("1000") int chunkSize, @DefaultValue("1s") Duration commitInterval) {

	SensorsProperties {
		// Checked here, at start-up: the chunk steps are built at a run's first partition (SensorsWorkerStep).
		if (chunkSize < 1) {
			throw new InvalidSetting("fanout.sensors.chunk-size", chunkSize, "a whole number of 1 or more, e.g. 1000");
		}
		if (commitInterval.isNegative()) {
			throw new InvalidSetting("fanout.sensors.commit-interval", commitInterval,
					"a duration of 0 or more, e.g. 1s");
		}
	}

	/** The readings per chunk of a run whose every reading blocks for {@code readLatency}. */
	int chunkSize(Duration readLatency) {
		if (readLatency.isZero()) {
			return this.chunkSize;
		}
		long fit = this.commitInterval.toNanos() / readLatency.toNanos();
		return (int) Math.max(1, Math.min(this.chunkSize, fit));
	}

}
