package dev.fanout.jobs.factorize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.NumberAt;

/**
 * The rows through which factorize's partitions get their numbers and return their divisors: two datasets of the
 * instance, rows ordered within a share by input position. Rows are packed, because on the embedded repository each
 * row costs far more than its bytes (its index entries, rewritten pages on every commit, its delete at the end):
 * <ul>
 * <li>a {@code numbers} row is a page of up to {@value #PAGE} numbers of one share, {@code position,number} separated
 * by {@code ;}, its sequence number the page's first position;</li>
 * <li>a {@code results} row holds what one worker transaction factorized, one line per number
 * ({@code position,number,divisor_count,divisors}), its sequence number the first of those positions.</li>
 * </ul>
 */
final class FactorizeData {

	/** Numbers per row of the {@code numbers} dataset. */
	static final int PAGE = 256;

	private FactorizeData() {
	}

	static Dataset numbers(long instance) {
		return new Dataset(instance, "factorize.numbers");
	}

	static Dataset results(long instance) {
		return new Dataset(instance, "factorize.results");
	}

	static String numbersRow(List<NumberAt> page) {
		return page.stream().map((n) -> n.position() + "," + n.number()).collect(Collectors.joining(";"));
	}

	static List<NumberAt> numbersOf(String row) {
		List<NumberAt> numbers = new ArrayList<>();
		for (String item : row.split(";")) {
			int comma = item.indexOf(',');
			numbers.add(new NumberAt(Integer.parseInt(item.substring(0, comma)), Long.parseLong(item.substring(comma + 1))));
		}
		return numbers;
	}

	static String resultsRow(List<Factorization> done) {
		return done.stream().map((f) -> f.position() + "," + f.csvLine()).collect(Collectors.joining("\n"));
	}

	/** A result line's input position. */
	static int position(String resultLine) {
		return Integer.parseInt(resultLine.substring(0, resultLine.indexOf(',')));
	}

	/** A result line as the CSV has it, without its position. */
	static String csvLine(String resultLine) {
		return resultLine.substring(resultLine.indexOf(',') + 1);
	}

}
