package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import dev.fanout.jobs.sensors.counting.LightSensors;
import dev.fanout.jobs.sensors.counting.Reading;

/**
 * Reads one sensor {@code readings} times, each read blocking for the read latency. Its position (readings taken) is
 * saved in the partition's execution context with every chunk, so a restart resumes after the last committed chunk.
 * One instance per partition, used by that partition's thread only.
 */
class SensorReader extends AbstractItemCountingItemStreamItemReader<Reading> {

	private final LightSensors sensors;

	private final int sensor;

	private final Duration latency;

	SensorReader(LightSensors sensors, int sensor, long readings, Duration latency) {
		this.sensors = sensors;
		this.sensor = sensor;
		this.latency = latency;
		setName("sensor");
		setMaxItemCount(Math.toIntExact(readings));
	}

	@Override
	protected Reading doRead() throws InterruptedException {
		// read() has already advanced the count: the reading being taken is number getCurrentItemCount(), from 1.
		return this.sensors.read(this.sensor, getCurrentItemCount(), this.latency);
	}

	/** A restart moves to the saved position without taking (and waiting for) the readings before it again. */
	@Override
	protected void jumpToItem(int itemIndex) {
	}

	@Override
	protected void doOpen() {
	}

	@Override
	protected void doClose() {
	}

}
