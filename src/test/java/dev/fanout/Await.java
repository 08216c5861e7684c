package dev.fanout;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.locks.LockSupport;

/** Waits for a condition another process makes true, checking it every few milliseconds, up to a deadline. */
public final class Await {

	private static final long POLL_NANOS = Duration.ofMillis(10).toNanos();

	private Await() {
	}

	public static void until(String what, Duration timeout, Callable<Boolean> condition) throws Exception {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			if (condition.call()) {
				return;
			}
			LockSupport.parkNanos(POLL_NANOS);
		}
		throw new AssertionError("not within " + timeout + ": " + what);
	}

}
