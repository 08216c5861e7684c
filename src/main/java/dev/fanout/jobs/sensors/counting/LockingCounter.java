package dev.fanout.jobs.sensors.counting;

import java.util.concurrent.locks.ReentrantLock;

/** The book's {@code LockingCounter}: a mutex around {@code count += offset}, one thread at a time. */
public final class LockingCounter implements ReadingCounter {

	private final ReentrantLock lock = new ReentrantLock();

	/** Guarded by {@link #lock}, for reads too: the lock also makes the latest value visible. */
	private long count;

	public LockingCounter(long initial) {
		this.count = initial;
	}

	@Override
	public void increment(long offset) {
		this.lock.lock();
		try {
			this.count += offset;
		}
		finally {
			this.lock.unlock();
		}
	}

	@Override
	public long count() {
		this.lock.lock();
		try {
			return this.count;
		}
		finally {
			this.lock.unlock();
		}
	}

}
