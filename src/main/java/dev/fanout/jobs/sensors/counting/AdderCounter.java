package dev.fanout.jobs.sensors.counting;

import java.util.concurrent.atomic.LongAdder;

/**
 * A striped counter: contending threads add to separate cells, and {@link #count()} sums them. Cheaper than one
 * atomic under heavy contention; the sum is exact once the incrementing threads have finished.
 */
public final class AdderCounter implements ReadingCounter {

	/** Guarded by {@link LongAdder}: each add is atomic on its cell. */
	private final LongAdder count = new LongAdder();

	public AdderCounter(long initial) {
		this.count.add(initial);
	}

	@Override
	public void increment(long offset) {
		this.count.add(offset);
	}

	@Override
	public long count() {
		return this.count.sum();
	}

}
