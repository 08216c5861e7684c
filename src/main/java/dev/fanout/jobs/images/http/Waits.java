package dev.fanout.jobs.images.http;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** Latency for the test server that ends early when the server closes. Stateless. */
final class Waits {

	private Waits() {
	}

	/** Waits {@code delay}; false if {@code closed} was released first (or the thread was interrupted). */
	static boolean await(CountDownLatch closed, Duration delay) {
		try {
			return !closed.await(delay.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
