package dev.fanout.jobs.sensors.counting;

/**
 * The book's unguarded {@code Counter}: {@code count += offset} from many threads. DELIBERATELY NOT THREAD-SAFE, kept
 * to show lost updates: two threads read the same value, both add, and one write overwrites the other.
 */
public final class UnsafeCounter implements ReadingCounter {

	/**
	 * Unguarded on purpose. {@code volatile} makes every read and write go to memory, as each of Python's three
	 * bytecodes does (without it the JIT may fold a loop of increments into one add and hide the race); it does not
	 * make the read-modify-write atomic, which is the point.
	 */
	private volatile long count;

	public UnsafeCounter(long initial) {
		this.count = initial;
	}

	@Override
	public void increment(long offset) {
		this.count += offset;
	}

	@Override
	public long count() {
		return this.count;
	}

}
