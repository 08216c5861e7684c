package dev.fanout.jobs.factorize;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The CSV the factorize job must write, computed independently of the job's own code: plain trial division finds the
 * prime powers, whose products are the divisors (so that a number with a hundred thousand divisors takes no longer
 * than its square root's worth of divisions).
 */
final class ExpectedCsv {

	private ExpectedCsv() {
	}

	static String of(List<Long> numbers) {
		StringBuilder csv = new StringBuilder("number,divisor_count,divisors\n");
		for (long number : numbers) {
			TreeSet<Long> divisors = divisors(number);
			csv.append(number).append(',').append(divisors.size()).append(',');
			csv.append(divisors.stream().map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
		}
		return csv.toString();
	}

	private static TreeSet<Long> divisors(long number) {
		TreeSet<Long> divisors = new TreeSet<>(List.of(1L));
		long rest = number;
		for (long p = 2; p * p <= rest; p++) {
			if (rest % p == 0) {
				multiply(divisors, p, rest);
				while (rest % p == 0) {
					rest /= p;
				}
			}
		}
		if (rest > 1) {
			multiply(divisors, rest, rest);
		}
		return divisors;
	}

	/** Adds every divisor times each power of {@code prime} that divides {@code rest}. */
	private static void multiply(TreeSet<Long> divisors, long prime, long rest) {
		List<Long> before = List.copyOf(divisors);
		long power = 1;
		long left = rest;
		while (left % prime == 0) {
			left /= prime;
			power *= prime;
			for (long divisor : before) {
				divisors.add(divisor * power);
			}
		}
	}

}
