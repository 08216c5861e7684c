package dev.fanout.jobs.factorize.numbers;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How divisors are found. Both give the same divisors. */
public enum Algorithm {

	/**
	 * The book's loop: tests every i from 1 to n. Deliberately CPU-bound, it is the workload that shows what threads
	 * buy; its cost grows with n, so it is limited to {@link #NAIVE_LIMIT}.
	 */
	NAIVE,

	/** Trial division of prime factors up to the square root, then all products of them: any positive long. */
	FAST;

	/** The largest number {@link #NAIVE} accepts: beyond it one number takes minutes. */
	public static final long NAIVE_LIMIT = 10_000_000_000L;

	public static Algorithm parse(String value) {
		try {
			return valueOf(value.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalArgumentException("algorithm=%s is not one of %s".formatted(value,
					Arrays.stream(values()).map(Algorithm::toString).collect(Collectors.joining(", "))));
		}
	}

	@Override
	public String toString() {
		return name().toLowerCase(Locale.ROOT);
	}

}
