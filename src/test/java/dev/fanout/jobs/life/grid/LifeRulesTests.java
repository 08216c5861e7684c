package dev.fanout.jobs.life.grid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LifeRulesTests {

	@Test
	void followsTheBooksGameLogic() {
		for (int neighbours = 0; neighbours <= 8; neighbours++) {
			assertThat(LifeRules.nextState(true, neighbours)).as("alive with %d", neighbours)
				.isEqualTo(neighbours == 2 || neighbours == 3);
			assertThat(LifeRules.nextState(false, neighbours)).as("dead with %d", neighbours).isEqualTo(neighbours == 3);
		}
	}

	@Test
	void countsTheEightNeighboursLikeTheBooksExample() {
		// The book's count_neighbors(10, 5) with (9, 5) and (9, 6) alive; on a torus large enough not to wrap.
		Grid grid = new Grid(20, 20);
		grid.set(9, 5, true);
		grid.set(9, 6, true);
		grid.set(10, 5, true);
		grid.set(12, 5, true);

		assertThat(LifeRules.countNeighbours(grid, 10, 5)).isEqualTo(2);
	}

	@Test
	void stepsACellLikeTheBooksStepCellExamples() {
		Grid grid = new Grid(20, 20);
		grid.set(10, 5, true);
		grid.set(9, 5, true);
		grid.set(9, 6, true);
		assertThat(LifeRules.nextCell(grid, 10, 5)).as("stay alive").isTrue();

		grid.set(10, 5, false);
		assertThat(LifeRules.nextCell(grid, 10, 5)).as("stay dead").isFalse();

		grid.set(10, 6, true);
		assertThat(LifeRules.nextCell(grid, 10, 5)).as("regenerate").isTrue();
	}

	@Test
	void countsNeighboursAcrossTheEdges() {
		Grid grid = Grids.of("*---*", "-----", "-----", "-----", "*---*");

		assertThat(LifeRules.countNeighbours(grid, 0, 0)).isEqualTo(3);
		assertThat(LifeRules.nextCell(grid, 0, 0)).isTrue();
		assertThat(LifeRules.nextCell(grid, 2, 2)).isFalse();
	}

	@Test
	void countsACellsOwnCopiesOnAOneCellTorus() {
		// All eight lookups of the book's count_neighbors land on the cell itself.
		Grid alive = Grids.of("*");

		assertThat(LifeRules.countNeighbours(alive, 0, 0)).isEqualTo(8);
		assertThat(LifeRules.advance(alive, 1).population()).isZero();
	}

	@Test
	void reproducesTheChaptersFiveByFiveTable() {
		Grid grid = Grids.of(5, "-*---", "--**-", "---*-");
		String[][] table = {
				{ "-*---", "--**-", "---*-" },
				{ "--*--", "--**-", "--**-" },
				{ "--**-", "-*---", "--**-" },
				{ "--*--", "-*---", "--*--" },
				{ "-----", "-**--", "-----" } };

		for (int generation = 0; generation < table.length; generation++) {
			assertThat(Grids.firstRows(grid, 3)).as("generation %d", generation).containsExactly(table[generation]);
			assertThat(grid.population(3, 5)).as("generation %d, rows 3 and 4", generation).isZero();
			grid = LifeRules.advance(grid, 1);
		}
	}

	@Test
	void movesTheGliderOneCellDownRightEveryFourGenerations() {
		Grid glider = Grids.bookGlider();
		Grid expected = new Grid(9, 5);
		for (int row = 0; row < 5; row++) {
			for (int col = 0; col < 9; col++) {
				expected.set(row + 1, col + 1, glider.get(row, col));
			}
		}

		assertThat(LifeRules.advance(glider, 4)).isEqualTo(expected);
	}

	@Test
	void bringsTheGliderBackToItsStartAfterFourNGenerationsOnAnNByNTorus() {
		Grid glider = new Grid(7, 7);
		glider.pasteRows(0, Grids.of("-*-----", "--*----", "***----"));

		Grid later = LifeRules.advance(glider, 4 * 7);

		assertThat(later).isEqualTo(glider);
		assertThat(LifeRules.advance(glider, 4 * 3)).isNotEqualTo(glider).extracting(Grid::population).isEqualTo(5L);
	}

	@Test
	void blinksWithPeriodTwo() {
		Grid blinker = Grids.of("-----", "-----", "-***-", "-----", "-----");
		Grid vertical = Grids.of("-----", "--*--", "--*--", "--*--", "-----");

		assertThat(LifeRules.advance(blinker, 1)).isEqualTo(vertical);
		assertThat(LifeRules.advance(blinker, 2)).isEqualTo(blinker);
	}

	@Test
	void keepsTheBlockStill() {
		Grid block = Grids.of("----", "-**-", "-**-", "----");

		assertThat(LifeRules.advance(block, 1)).isEqualTo(block);
	}

	@Test
	void advancesBytesInPlaceAndCountsTheUpdates() {
		byte[] cells = LifeRules.toBytes(Grids.of("-----", "-----", "-***-", "-----", "-----"));

		long updates = LifeRules.advance(cells, 5, 5, 3);

		assertThat(updates).isEqualTo(75);
		assertThat(LifeRules.toGrid(cells, 5, 5)).isEqualTo(Grids.of("-----", "--*--", "--*--", "--*--", "-----"));
	}

}
