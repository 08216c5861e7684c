package dev.fanout.jobs.factorize.numbers;

import java.util.Arrays;

/**
 * Finds all divisors of a positive long, in ascending order. Stateless and thread-safe.
 */
public class Factorizer {

	public long[] divisors(long number, Algorithm algorithm) {
		if (number < 1) {
			throw new IllegalArgumentException(number + " is not a positive number");
		}
		return switch (algorithm) {
			case NAIVE -> naive(number);
			case FAST -> fast(number);
		};
	}

	/**
	 * The book's {@code for i in range(1, number + 1): if number % i == 0: yield i}. A number that fits in an
	 * {@code int} is divided in 32 bits: on x86-64 a 64-bit division costs several times a 32-bit one, and this loop
	 * is nothing but divisions.
	 */
	static long[] naive(long number) {
		if (number > Algorithm.NAIVE_LIMIT) {
			throw new IllegalArgumentException("%d is too large for algorithm=naive (limit %d); use algorithm=fast"
				.formatted(number, Algorithm.NAIVE_LIMIT));
		}
		return (number <= Integer.MAX_VALUE) ? naive32((int) number) : naive64(number);
	}

	/** Up to {@code number - 1}, then the number itself: {@code i <= Integer.MAX_VALUE} would never end. */
	private static long[] naive32(int number) {
		Divisors found = new Divisors();
		for (int i = 1; i < number; i++) {
			if (number % i == 0) {
				found.add(i);
			}
		}
		found.add(number);
		return found.toArray();
	}

	private static long[] naive64(long number) {
		Divisors found = new Divisors();
		for (long i = 1; i < number; i++) {
			if (number % i == 0) {
				found.add(i);
			}
		}
		found.add(number);
		return found.toArray();
	}

	/** A growing array of divisors, in the order found. */
	private static final class Divisors {

		private long[] values = new long[64];

		private int count;

		void add(long divisor) {
			if (this.count == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			this.values[this.count++] = divisor;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.count);
		}

	}

	/**
	 * Factors the number into primes by trial division (2, 3, then 6k ± 1 up to the square root of what remains), then
	 * multiplies the prime powers out. A prime near {@link Long#MAX_VALUE} is the worst case: about 10^9 divisions.
	 */
	static long[] fast(long number) {
		long[] divisors = { 1 };
		long rest = number;
		// Candidates 2, 3, 5, 7, 11, 13, ...: after 3 only numbers of the form 6k ± 1 (steps of 2 and 4).
		long candidate = 2;
		int step = 1;
		while (candidate <= rest / candidate) {
			if (rest % candidate == 0) {
				int exponent = 0;
				do {
					rest /= candidate;
					exponent++;
				}
				while (rest % candidate == 0);
				divisors = multiply(divisors, candidate, exponent);
			}
			candidate += step;
			step = (candidate <= 5) ? 2 : 6 - step;
		}
		if (rest > 1) {
			divisors = multiply(divisors, rest, 1);
		}
		Arrays.sort(divisors);
		return divisors;
	}

	/** All products d * p^k for d in divisors and 0 ≤ k ≤ exponent. */
	private static long[] multiply(long[] divisors, long prime, int exponent) {
		if (exponent == 0) {
			return divisors;
		}
		long[] result = new long[divisors.length * (exponent + 1)];
		int n = 0;
		for (long divisor : divisors) {
			long value = divisor;
			for (int k = 0; k <= exponent; k++) {
				result[n++] = value;
				if (k < exponent) {
					value *= prime;
				}
			}
		}
		return result;
	}

}
