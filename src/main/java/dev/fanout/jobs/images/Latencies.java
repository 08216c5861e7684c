package dev.fanout.jobs.images;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * The least time each stage takes per image, standing in for slow work: with 10 ms each, a local source, a local
 * gallery and tiny images, the job is the book's pipeline model, where each stage is a call that takes 10 ms, and its
 * ideal time is known. A stage's own work counts towards its latency: it waits only for what the work left of it.
 *
 * @param download least time per download, on a download thread
 * @param resize least time per resize (and naming), on a resize thread
 * @param upload least time per upload, on an upload thread
 */
public record Latencies(Duration download, Duration resize, Duration upload) {

	static final Latencies NONE = new Latencies(Duration.ZERO, Duration.ZERO, Duration.ZERO);

	/**
	 * Runs {@code work}, then waits for what is left of {@code latency}, so that the whole takes at least that long;
	 * a failure is thrown at once. The benchmark's reference pipeline times its stages with it too.
	 */
	public static <T> T atLeast(Duration latency, Callable<T> work) throws Exception {
		if (latency.isZero()) {
			return work.call();
		}
		long start = System.nanoTime();
		T result = work.call();
		Duration left = left(latency, start, System.nanoTime());
		if (!left.isZero()) {
			Thread.sleep(left);
		}
		return result;
	}

	/** What is left of {@code latency} at {@code now} for work that started at {@code start} (nanosecond times). */
	static Duration left(Duration latency, long start, long now) {
		Duration left = latency.minusNanos(now - start);
		return left.isNegative() ? Duration.ZERO : left;
	}

}
