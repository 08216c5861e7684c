package dev.fanout.jobs.images.http;

import java.util.concurrent.atomic.AtomicInteger;

/** A test server's plan to answer {@code status} to the next few requests. Thread-safe: the count is atomic. */
final class Failures {

	private final AtomicInteger remaining;

	private final int status;

	Failures(int times, int status) {
		if (times < 0 || status < 100 || status > 599) {
			throw new IllegalArgumentException("cannot fail %d times with status %d".formatted(times, status));
		}
		this.remaining = new AtomicInteger(times);
		this.status = status;
	}

	/** Whether this request is one that fails; counts it if so. */
	boolean take() {
		return this.remaining.getAndUpdate((n) -> Math.max(0, n - 1)) > 0;
	}

	int status() {
		return this.status;
	}

}
