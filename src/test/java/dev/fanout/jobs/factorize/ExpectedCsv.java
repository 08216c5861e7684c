package dev.fanout.jobs.factorize;

import java.util.List;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** The CSV the factorize job must write, computed independently of the job's own code (plain trial division). */
final class ExpectedCsv {

	private ExpectedCsv() {
	}

	static String of(List<Long> numbers) {
		StringBuilder csv = new StringBuilder("number,divisor_count,divisors\n");
		for (long number : numbers) {
			TreeSet<Long> divisors = new TreeSet<>();
			for (long i = 1; i * i <= number; i++) {
				if (number % i == 0) {
					divisors.add(i);
					divisors.add(number / i);
				}
			}
			csv.append(number).append(',').append(divisors.size()).append(',');
			csv.append(divisors.stream().map(String::valueOf).collect(Collectors.joining(" "))).append('\n');
		}
		return csv.toString();
	}

}
