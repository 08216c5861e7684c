package dev.fanout.jobs.factorize;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;

import dev.fanout.batch.PartitionData.Row;

import static org.assertj.core.api.Assertions.assertThat;

/** The {@code results} rows of a worker's transaction: bounded in size, and read back as the lines written. */
class FactorizeDataTests {

	@Test
	void aLineLongerThanARowIsCutAcrossRowsOfBoundedSizeAndReadBackWhole() {
		List<String> lines = List.of("7,12,6,1 2 3 4 6 12", line(8, FactorizeData.ROW_CHARS * 5 / 2), "9,6,4,1 2 3 6",
				line(10, FactorizeData.ROW_CHARS + 100));

		List<Row> rows = FactorizeData.resultsRows(3, 7, lines);

		assertThat(rows).hasSizeGreaterThanOrEqualTo(5)
			.allSatisfy((row) -> assertThat(row.content().length()).isLessThanOrEqualTo(FactorizeData.ROW_CHARS))
			.allSatisfy((row) -> assertThat(row.shard()).isEqualTo(3));
		assertThat(rows).extracting(Row::seq)
			.isSorted()
			.doesNotHaveDuplicates()
			.allSatisfy((seq) -> assertThat(seq >>> 32).as("the transaction's first position").isEqualTo(7));
		assertThat(readBack(rows)).containsExactlyElementsOf(lines);
	}

	@Test
	void shortLinesAreCutBetweenLinesOnly() {
		List<String> lines = IntStream.range(0, 30_000).mapToObj((i) -> line(i, 100)).toList();

		List<Row> rows = FactorizeData.resultsRows(0, 0, lines);

		assertThat(rows).hasSize(3)
			.allSatisfy((row) -> assertThat(row.content()).doesNotEndWith(FactorizeData.CONTINUED)
				.hasSizeLessThanOrEqualTo(FactorizeData.ROW_CHARS));
		assertThat(readBack(rows)).containsExactlyElementsOf(lines);
	}

	@Test
	void aRowWrittenBeforeRowsWereCutReadsAsItsLines() {
		assertThat(readBack(List.of(new Row(0, 4, "4,6,4,1 2 3 6\n5,7,2,1 7")))).containsExactly("4,6,4,1 2 3 6",
				"5,7,2,1 7");
	}

	/** A result line of about {@code length} characters for input position {@code position}. */
	private static String line(int position, int length) {
		StringBuilder line = new StringBuilder(position + ",1,1,");
		while (line.length() < length - 20) {
			line.append(line.length()).append(' ');
		}
		return line.append(length).toString();
	}

	private static List<String> readBack(List<Row> rows) {
		List<String> lines = new ArrayList<>();
		StringBuilder partial = new StringBuilder();
		rows.forEach((row) -> FactorizeData.addLines(row.content(), partial, lines));
		assertThat(partial).as("nothing left inside a line").isEmpty();
		return lines;
	}

}
