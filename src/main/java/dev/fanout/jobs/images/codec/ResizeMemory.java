package dev.fanout.jobs.images.codec;

import java.util.concurrent.Callable;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicLong;

import dev.fanout.core.Units;

/**
 * The heap that decoded pixels may take at once, shared by every resize of the application (several {@code images}
 * runs in one server share it). A resize is admitted only when the bytes its pixels need fit what is left, so memory
 * is bounded by bytes, not by {@code resizeThreads × max-pixels}: big images wait for each other and small ones pass
 * together. An image that needs more than the whole budget is rejected (skipped), naming the setting.
 * <p>
 * Thread-safe: a fair semaphore of KiB permits (a big image at the head of the queue is not overtaken for ever by
 * small ones); the in-use and peak counters are atomics, for tests and measurements.
 */
public final class ResizeMemory {

	/** The setting, as the messages name it. */
	static final String SETTING = "fanout.images.resize-memory";

	private static final int UNIT = 1024;

	private final long budget;

	private final boolean fromHeap;

	private final Semaphore permits;

	private final AtomicLong inUse = new AtomicLong();

	private final AtomicLong peak = new AtomicLong();

	private ResizeMemory(long budget, boolean fromHeap) {
		if (budget < UNIT) {
			throw new IllegalArgumentException(SETTING + " must be at least 1KB, not " + budget + " bytes");
		}
		this.budget = budget;
		this.fromHeap = fromHeap;
		this.permits = new Semaphore(Math.toIntExact(Math.min(Integer.MAX_VALUE, budget / UNIT)), true);
	}

	/** An explicit budget, in bytes. */
	public static ResizeMemory of(long budget) {
		return new ResizeMemory(budget, false);
	}

	/** The default: half the maximum heap, leaving the other half to downloads, encoding, Spring and H2. */
	public static ResizeMemory ofHeap() {
		return new ResizeMemory(Runtime.getRuntime().maxMemory() / 2, true);
	}

	long budget() {
		return this.budget;
	}

	/** Runs {@code work} once {@code bytes} are free, holding them meanwhile. */
	<T> T run(long bytes, Callable<T> work) throws Exception {
		if (!fits(bytes)) {
			// Would wait for ever: the caller rejects such an image first.
			throw new IllegalArgumentException("%s bytes never fit %s".formatted(bytes, describe()));
		}
		int units = Math.toIntExact(Math.min(Integer.MAX_VALUE, (bytes + UNIT - 1) / UNIT));
		this.permits.acquire(units);
		try {
			this.peak.accumulateAndGet(this.inUse.addAndGet(bytes), Math::max);
			return work.call();
		}
		finally {
			this.inUse.addAndGet(-bytes);
			this.permits.release(units);
		}
	}

	/** Whether an image that needs {@code bytes} can ever be admitted. */
	boolean fits(long bytes) {
		return bytes <= this.budget;
	}

	/** What the budget is and where it comes from, for a rejection's reason. */
	String describe() {
		return this.fromHeap
				? "%s (%s, half the maximum heap; raise -Xmx or set %s)".formatted(SETTING, Units.bytes(this.budget),
						SETTING)
				: "%s=%s".formatted(SETTING, Units.bytes(this.budget));
	}

	/** The most bytes admitted at once so far. */
	public long peak() {
		return this.peak.get();
	}

}
