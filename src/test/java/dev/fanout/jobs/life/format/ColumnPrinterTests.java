package dev.fanout.jobs.life.format;

import org.junit.jupiter.api.Test;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;
import dev.fanout.jobs.life.grid.LifeRules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ColumnPrinterTests {

	@Test
	void printsTheBooksGliderGenerationsSideBySide() {
		ColumnPrinter columns = new ColumnPrinter();
		Grid grid = Grids.bookGlider();
		for (int generation = 0; generation < 5; generation++) {
			columns.append(generation, grid);
			grid = BitKernel.advance(grid, 1);
		}

		// The glider's four phases (worked out by hand from the rules, cell by cell); generation 4 is generation 0
		// moved one cell down and right. The header centres each number like the book: 4 spaces, number, 4 spaces.
		assertThat(columns.toString()).isEqualTo("""
				    0     |     1     |     2     |     3     |     4   \s
				---*----- | --------- | --------- | --------- | ---------
				----*---- | --*-*---- | ----*---- | ---*----- | ----*----
				--***---- | ---**---- | --*-*---- | ----**--- | -----*---
				--------- | ---*----- | ---**---- | ---**---- | ---***---
				--------- | --------- | --------- | --------- | ---------
				""");
	}

	@Test
	void printsTheChaptersFiveByFiveTable() {
		ColumnPrinter columns = new ColumnPrinter();
		Grid grid = Grids.of(5, "-*---", "--**-", "---*-");
		for (int generation = 0; generation <= 4; generation++) {
			columns.append(generation, grid);
			grid = LifeRules.advance(grid, 1);
		}

		assertThat(columns.toString()).isEqualTo("""
				  0   |   1   |   2   |   3   |   4 \s
				-*--- | --*-- | --**- | --*-- | -----
				--**- | --**- | -*--- | -*--- | -**--
				---*- | --**- | --**- | --*-- | -----
				----- | ----- | ----- | ----- | -----
				----- | ----- | ----- | ----- | -----
				""");
	}

	@Test
	void widensAColumnWhoseNumberIsWiderThanTheGridAndCentresOnEvenWidths() {
		Grid blinker = Grids.of("-----", "-----", "-***-", "-----", "-----");
		String text = new ColumnPrinter().append(99_999, blinker)
			.append(100_000, LifeRules.advance(blinker, 1))
			.toString();

		assertThat(text).isEqualTo("""
				99999 | 100000
				----- | -----\s
				----- | --*--\s
				-***- | --*--\s
				----- | --*--\s
				----- | -----\s
				""");
		assertThat(new ColumnPrinter().append(7, Grids.of("-**-")).toString()).isEqualTo(" 7  \n-**-\n");
	}

	@Test
	void startsANewBlockWhenALineWouldBeTooLong() {
		ColumnPrinter columns = new ColumnPrinter();
		for (int generation = 0; generation < 12; generation++) {
			columns.append(generation, Grids.bookGlider());
		}

		String[] lines = columns.toString().split("\n", -1);

		assertThat(lines).hasSize(14);
		assertThat(lines[0]).startsWith("    0     |").endsWith("|     9    ");
		assertThat(lines[0]).hasSize(10 * 9 + 9 * 3);
		assertThat(lines[6]).isEmpty();
		assertThat(lines[7]).isEqualTo("   10     |    11    ");
		assertThat(lines[8]).isEqualTo("---*----- | ---*-----");
		assertThat(lines).allMatch(line -> line.length() <= ColumnPrinter.MAX_LINE);
	}

	@Test
	void tellsSmallGridsAndRefusesColumnsOfAnotherHeight() {
		assertThat(ColumnPrinter.isSmall(40, 40)).isTrue();
		assertThat(ColumnPrinter.isSmall(41, 5)).isFalse();
		assertThat(ColumnPrinter.isSmall(5, 41)).isFalse();
		assertThat(new ColumnPrinter().toString()).isEmpty();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ColumnPrinter().append(0, new Grid(3, 3)).append(1, new Grid(3, 4)))
			.withMessageContaining("same height");
	}

}
