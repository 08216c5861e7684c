package dev.fanout.jobs.sensors;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.infrastructure.item.support.AbstractItemCountingItemStreamItemReader;

import dev.fanout.jobs.sensors.counting.LightSensors;
import dev.fanout.jobs.sensors.counting.Reading;

/**
 * Reads one sensor {@code readings} times, each read blocking for the read latency. Its position (readings taken) is
 * saved in the partition's execution context with every chunk, so a restart resumes after the last committed chunk.
 * One instance per partition, used by that partition's thread only.
 * <p>
 * With a read latency a chunk lasts about the commit interval, or one reading when a reading takes longer (readings
 * of a minute), and Spring Batch sees a stop only between chunks. So before each slow reading the reader asks
 * whether the execution was asked to stop, and if so ends the step STOPPED at once: the readings of the unfinished
 * chunk roll back with it, uncounted, and a restart takes them again. Without latency a chunk takes milliseconds
 * and the boundary is soon enough.
 */
class SensorReader extends AbstractItemCountingItemStreamItemReader<Reading> {

	private final LightSensors sensors;

	private final int sensor;

	private final Duration latency;

	private final BooleanSupplier stop;

	SensorReader(LightSensors sensors, int sensor, long readings, Duration latency, BooleanSupplier stop) {
		this.sensors = sensors;
		this.sensor = sensor;
		this.latency = latency;
		this.stop = stop;
		setName("sensor");
		setMaxItemCount(Math.toIntExact(readings));
	}

	@Override
	protected Reading doRead() throws InterruptedException, JobInterruptedException {
		if (!this.latency.isZero() && this.stop.getAsBoolean()) {
			throw new JobInterruptedException("stopped while reading sensor " + this.sensor, BatchStatus.STOPPED);
		}
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
