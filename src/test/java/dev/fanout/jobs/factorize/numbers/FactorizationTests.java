package dev.fanout.jobs.factorize.numbers;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FactorizationTests {

	@Test
	void csvLineHasTheNumberTheCountAndTheDivisorsSeparatedBySpaces() {
		Factorization factorization = new Factorization(3, 12, new long[] { 1, 2, 3, 4, 6, 12 });

		assertThat(factorization.csvLine()).isEqualTo("12,6,1 2 3 4 6 12");
	}

	@Test
	void csvLineOfOneHasASingleDivisor() {
		assertThat(new Factorization(0, 1, new long[] { 1 }).csvLine()).isEqualTo("1,1,1");
	}

	@Test
	void csvLineOfAPrime() {
		assertThat(new Factorization(7, 1_000_000_007L, new long[] { 1, 1_000_000_007L }).csvLine())
			.isEqualTo("1000000007,2,1 1000000007");
	}

	@Test
	void csvLineOfABookNumberMatchesTheFactorizer() {
		long[] divisors = new Factorizer().divisors(1852285, Algorithm.FAST);

		String line = new Factorization(3, 1852285, divisors).csvLine();

		String[] fields = line.split(",");
		assertThat(fields).hasSize(3);
		assertThat(fields[0]).isEqualTo("1852285");
		assertThat(fields[1]).isEqualTo(Integer.toString(divisors.length));
		assertThat(fields[2].split(" ")).hasSize(divisors.length).startsWith("1").endsWith("1852285");
		assertThat(line).doesNotContain("  ").doesNotEndWith(" ").doesNotContain("\n");
	}

	@Test
	void csvLineOfLongMaxValueWritesFullDigits() {
		assertThat(new Factorization(0, Long.MAX_VALUE, new long[] { 1, 7, Long.MAX_VALUE }).csvLine())
			.isEqualTo("9223372036854775807,3,1 7 9223372036854775807");
	}

}
