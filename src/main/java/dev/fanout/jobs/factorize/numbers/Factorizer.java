package dev.fanout.jobs.factorize.numbers;

import java.util.Arrays;
import java.util.function.BooleanSupplier;

/**
 * Finds all divisors of a positive long, in ascending order. Stateless and thread-safe.
 */
public class Factorizer {

	/** Divisions between two looks at whether to stop: about 0.05 to 0.3 s, and no cost to the loop itself. */
	static final int BLOCK = 1 << 24;

	private static final BooleanSupplier NEVER = () -> false;

	public long[] divisors(long number, Algorithm algorithm) {
		return divisors(number, algorithm, NEVER);
	}

	/**
	 * The divisors, unless {@code stop} says to stop first: it is asked every {@value #BLOCK} divisions, so a number
	 * that takes minutes (naive near its limit) does not hold a stop up.
	 * @throws Stopped when {@code stop} said so
	 */
	public long[] divisors(long number, Algorithm algorithm, BooleanSupplier stop) {
		if (number < 1) {
			throw new IllegalArgumentException(number + " is not a positive number");
		}
		return switch (algorithm) {
			case NAIVE -> naive(number, stop);
			case FAST -> fast(number, stop);
		};
	}

	/** Thrown when a factorization was asked to stop before it ended. */
	public static final class Stopped extends RuntimeException {

		Stopped(long number) {
			super("stopped while factorizing " + number);
		}

	}

	/**
	 * The book's {@code for i in range(1, number + 1): if number % i == 0: yield i}. A number that fits in an
	 * {@code int} is divided in 32 bits: on x86-64 a 64-bit division costs several times a 32-bit one, and this loop
	 * is nothing but divisions.
	 */
	static long[] naive(long number, BooleanSupplier stop) {
		if (number > Algorithm.NAIVE_LIMIT) {
			throw new IllegalArgumentException("%d is too large for algorithm=naive (limit %d); use algorithm=fast"
				.formatted(number, Algorithm.NAIVE_LIMIT));
		}
		return (number <= Integer.MAX_VALUE) ? naive32((int) number, stop) : naive64(number, stop);
	}

	/**
	 * Up to {@code number - 1}, then the number itself: {@code i <= Integer.MAX_VALUE} would never end. Blocks of
	 * {@value #BLOCK} divisions, with a look at {@code stop} between them.
	 */
	private static long[] naive32(int number, BooleanSupplier stop) {
		Divisors found = new Divisors();
		int i = 1;
		while (i < number) {
			int end = (int) Math.min(number, (long) i + BLOCK);
			for (; i < end; i++) {
				if (number % i == 0) {
					found.add(i);
				}
			}
			if (i < number && stop.getAsBoolean()) {
				throw new Stopped(number);
			}
		}
		found.add(number);
		return found.toArray();
	}

	private static long[] naive64(long number, BooleanSupplier stop) {
		Divisors found = new Divisors();
		long i = 1;
		while (i < number) {
			long end = Math.min(number, i + BLOCK);
			for (; i < end; i++) {
				if (number % i == 0) {
					found.add(i);
				}
			}
			if (i < number && stop.getAsBoolean()) {
				throw new Stopped(number);
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
	static long[] fast(long number, BooleanSupplier stop) {
		long[] divisors = { 1 };
		long rest = number;
		// Candidates 2, 3, 5, 7, 11, 13, ...: after 3 only numbers of the form 6k ± 1 (steps of 2 and 4).
		long candidate = 2;
		int step = 1;
		int untilLook = BLOCK;
		// The bound moves only when a factor is divided out: one division per candidate, not two (candidate <= rest /
		// candidate at every step made this loop twice as slow).
		long limit = sqrtFloor(rest);
		while (candidate <= limit) {
			if (--untilLook == 0) {
				untilLook = BLOCK;
				if (stop.getAsBoolean()) {
					throw new Stopped(number);
				}
			}
			if (rest % candidate == 0) {
				int exponent = 0;
				do {
					rest /= candidate;
					exponent++;
				}
				while (rest % candidate == 0);
				divisors = multiply(divisors, candidate, exponent);
				limit = sqrtFloor(rest);
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

	/** The largest r with r * r ≤ n, for n ≥ 0: exact for every long, where a double's square root can be one off. */
	static long sqrtFloor(long n) {
		long root = (long) Math.sqrt((double) n);
		// Compared by division: root * root overflows past 3,037,000,499.
		while (root > 0 && root > n / root) {
			root--;
		}
		while (root + 1 <= n / (root + 1)) {
			root++;
		}
		return root;
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
