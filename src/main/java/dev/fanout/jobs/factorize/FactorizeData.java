package dev.fanout.jobs.factorize;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.NumberAt;

/**
 * The rows through which factorize's partitions get their numbers and return their divisors: two datasets of the
 * instance, rows ordered within a share by input position. Rows are packed, because on the embedded repository each
 * row costs far more than its bytes (its index entries, rewritten pages on every commit, its delete at the end):
 * <ul>
 * <li>a {@code numbers} row is a page of up to {@value #PAGE} numbers of one share, {@code position,number} separated
 * by {@code ;}, its sequence number the page's first position;</li>
 * <li>{@code results} rows hold what one worker transaction factorized, one line per number
 * ({@code position,number,divisor_count,divisors}, lines separated by {@code \n}), cut into rows of at most
 * {@value #ROW_CHARS} characters: between lines where it can, and inside a line longer than that (a number below
 * 2<sup>63</sup> has up to 103 680 divisors, a line of about 2 MB), the row then ending with {@value #CONTINUED} and the line
 * going on at the start of the next. A row's sequence number is the transaction's first position × 2<sup>32</sup>
 * plus the row's index in the transaction: unique, and in input order within a share.</li>
 * </ul>
 * The repository holds a row whole in memory to write, read or delete it: unbounded rows (a transaction of 20 such
 * numbers made one row of 40 MB) ran the embedded repository's server out of heap.
 */
final class FactorizeData {

	/** Numbers per row of the {@code numbers} dataset. */
	static final int PAGE = 256;

	/** The most characters (bytes: the lines are ASCII) of a {@code results} row. */
	static final int ROW_CHARS = 1 << 20;

	/** What ends a {@code results} row cut inside a line. */
	static final String CONTINUED = "+";

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

	/** A result line: the number's input position, then its CSV line. */
	static String resultLine(Factorization factorization) {
		return factorization.position() + "," + factorization.csvLine();
	}

	/** The {@code results} rows of one transaction's result lines, in order, each at most {@value #ROW_CHARS} long. */
	static List<Row> resultsRows(int share, int firstPosition, List<String> lines) {
		String text = String.join("\n", lines);
		List<Row> rows = new ArrayList<>();
		long seq = (long) firstPosition << 32;
		int from = 0;
		while (from < text.length()) {
			int end = from + ROW_CHARS;
			if (end >= text.length()) {
				rows.add(new Row(share, seq++, text.substring(from)));
				break;
			}
			int newline = text.lastIndexOf('\n', end);
			if (newline > from) {
				rows.add(new Row(share, seq++, text.substring(from, newline)));
				from = newline + 1;
			}
			else {
				rows.add(new Row(share, seq++, text.substring(from, end - CONTINUED.length()) + CONTINUED));
				from = end - CONTINUED.length();
			}
		}
		return rows;
	}

	/**
	 * Adds the result lines a {@code results} row completes to {@code lines}: its lines, the first after
	 * {@code partial} (what the rows before left of a line cut inside), and the last, if the row is cut inside it,
	 * left in {@code partial} for the next row.
	 */
	static void addLines(String row, StringBuilder partial, Collection<String> lines) {
		boolean cut = row.endsWith(CONTINUED);
		List<String> rowLines = (cut ? row.substring(0, row.length() - CONTINUED.length()) : row).lines().toList();
		for (int i = 0; i < rowLines.size(); i++) {
			String line = rowLines.get(i);
			if (i == 0 && !partial.isEmpty()) {
				line = partial.append(line).toString();
				partial.setLength(0);
			}
			if (cut && i == rowLines.size() - 1) {
				partial.append(line);
			}
			else {
				lines.add(line);
			}
		}
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
