package dev.fanout.jobs.factorize;

import java.util.Arrays;
import java.util.stream.Collectors;

/** The divisors of the number at one input position. */
public record Factorization(int position, long number, long[] divisors) {

	/** The output line: {@code number,divisor_count,divisors} with divisors separated by spaces, ascending. */
	public String csvLine() {
		return this.number + "," + this.divisors.length + ","
				+ Arrays.stream(this.divisors).mapToObj(Long::toString).collect(Collectors.joining(" "));
	}

}
