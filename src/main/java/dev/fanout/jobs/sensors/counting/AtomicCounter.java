package dev.fanout.jobs.sensors.counting;

import java.util.concurrent.atomic.AtomicLong;

/** A lock-free counter: {@link AtomicLong#addAndGet} is one atomic read-modify-write (compare-and-set). */
public final class AtomicCounter implements ReadingCounter {

	/** Guarded by its own atomicity: every update is one indivisible operation. */
	private final AtomicLong count;

	public AtomicCounter(long initial) {
		this.count = new AtomicLong(initial);
	}

	@Override
	public void increment(long offset) {
		this.count.addAndGet(offset);
	}

	@Override
	public long count() {
		return this.count.get();
	}

}
