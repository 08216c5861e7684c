package dev.fanout.jobs.factorize;

import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.NumberAt;

/**
 * The rows through which factorize's partitions get their numbers and return their divisors: two datasets of the
 * instance, each ordered by input position. A {@code numbers} row holds the number; a {@code results} row holds the
 * number's CSV line ({@code number,divisor_count,divisors}), ready for the fan-in.
 */
final class FactorizeData {

	private FactorizeData() {
	}

	static Dataset numbers(long instance) {
		return new Dataset(instance, "factorize.numbers");
	}

	static Dataset results(long instance) {
		return new Dataset(instance, "factorize.results");
	}

	static String numberContent(long number) {
		return Long.toString(number);
	}

	static NumberAt number(long position, String content) {
		return new NumberAt(Math.toIntExact(position), Long.parseLong(content));
	}

	static long position(Factorization factorization) {
		return factorization.position();
	}

}
