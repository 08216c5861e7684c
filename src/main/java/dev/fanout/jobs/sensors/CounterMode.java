package dev.fanout.jobs.sensors;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the job counts readings ({@code counter=}). */
public enum CounterMode {

	/** One in-JVM counter guarded by a {@link java.util.concurrent.locks.ReentrantLock}: the book's fix. */
	LOCKED,

	/** One in-JVM {@link java.util.concurrent.atomic.AtomicLong}. */
	ATOMIC,

	/** One in-JVM {@link java.util.concurrent.atomic.LongAdder}. */
	ADDER,

	/**
	 * No shared counter: each partition counts its own readings in its step execution and the manager sums them from
	 * the repository. The only mode that runs on remote workers.
	 */
	PARTITIONED,

	/** One in-JVM counter without any guard: the book's race, kept to show lost updates. */
	UNSAFE;

	public static CounterMode parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("counter=%s is not one of %s".formatted(value,
					Arrays.stream(values()).map(CounterMode::toString).collect(Collectors.joining(", "))));
		}
	}

	/** Whether the workers share one counter object in this JVM. */
	public boolean shared() {
		return this != PARTITIONED;
	}

	/** Whether the count must equal the readings taken; only {@link #UNSAFE} may lose updates. */
	public boolean exact() {
		return this != UNSAFE;
	}

	/** A new shared counter starting at {@code initial}. */
	public ReadingCounter newCounter(long initial) {
		return switch (this) {
			case LOCKED -> new LockingCounter(initial);
			case ATOMIC -> new AtomicCounter(initial);
			case ADDER -> new AdderCounter(initial);
			case UNSAFE -> new UnsafeCounter(initial);
			case PARTITIONED -> throw new IllegalStateException("counter=partitioned has no shared counter");
		};
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
