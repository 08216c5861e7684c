package dev.fanout.jobs.sensors;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import dev.fanout.jobs.sensors.counting.LightSensors;
import dev.fanout.jobs.sensors.counting.Reading;

/** The test hook of the job tests: the sensors, with a fault at one reading of one sensor while one is set. */
class FaultySensors extends LightSensors {

	final AtomicReference<@Nullable Fault> fault = new AtomicReference<>();

	@Override
	public Reading read(int sensor, long sequence, Duration latency) throws InterruptedException {
		Fault armed = this.fault.get();
		if (armed != null && armed.sensor() == sensor && armed.sequence() == sequence) {
			if (armed.release() == null) {
				throw new IllegalStateException("injected failure on sensor %d reading %d".formatted(sensor, sequence));
			}
			armed.reached().countDown();
			if (!armed.release().await(30, TimeUnit.SECONDS)) {
				throw new IllegalStateException("the test never released sensor " + sensor);
			}
		}
		return super.read(sensor, sequence, latency);
	}

	/**
	 * What happens at one reading: without latches the read fails; with them it signals {@code reached} and waits
	 * for {@code release}.
	 */
	record Fault(int sensor, long sequence, @Nullable CountDownLatch reached, @Nullable CountDownLatch release) {

		static Fault failure(int sensor, long sequence) {
			return new Fault(sensor, sequence, null, null);
		}

		static Fault pause(int sensor, long sequence) {
			return new Fault(sensor, sequence, new CountDownLatch(1), new CountDownLatch(1));
		}

	}

	/** Replaces the sensors of the application with this hook. */
	@TestConfiguration(proxyBeanMethods = false)
	static class Injection {

		@Bean
		@Primary
		FaultySensors faultySensors() {
			return new FaultySensors();
		}

	}

}
