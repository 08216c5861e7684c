package dev.fanout.jobs.images;

import java.time.Duration;

/**
 * Extra time each stage takes per image, standing in for slow work: with 10 ms each and no other work worth the name
 * (a local source, a local gallery, tiny images), the job is the book's pipeline model, whose ideal time is known.
 *
 * @param download extra time per download, spent on a download thread
 * @param resize extra time per resize, spent while holding a resize permit
 * @param upload extra time per upload, spent while holding an upload permit
 */
record Latencies(Duration download, Duration resize, Duration upload) {

	static final Latencies NONE = new Latencies(Duration.ZERO, Duration.ZERO, Duration.ZERO);

	/** Spends {@code latency} on the calling thread, which its stage counts as busy meanwhile. */
	static void spend(Duration latency) throws InterruptedException {
		if (!latency.isZero()) {
			Thread.sleep(latency);
		}
	}

}
