package dev.fanout.jobs.life.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GridTests {

	@Test
	void packsSixtyFourCellsPerWordRowByRow() {
		Grid grid = new Grid(130, 3);

		grid.set(1, 0, true);
		grid.set(1, 64, true);
		grid.set(2, 129, true);

		assertThat(grid.wordsPerRow()).isEqualTo(3);
		assertThat(grid.words()).hasSize(9);
		assertThat(grid.words()[3]).isEqualTo(1L);
		assertThat(grid.words()[4]).isEqualTo(1L);
		assertThat(grid.words()[8]).isEqualTo(2L);
		assertThat(grid.get(1, 64)).isTrue();
		assertThat(grid.get(1, 63)).isFalse();
	}

	@Test
	void wrapsCoordinatesAroundTheTorusLikeTheBook() {
		Grid grid = new Grid(9, 5);

		grid.set(-1, -1, true);
		grid.set(5, 10, true);

		assertThat(grid.get(4, 8)).isTrue();
		assertThat(grid.get(0, 1)).isTrue();
		assertThat(grid.get(-5, 1)).isTrue();
		assertThat(grid.population()).isEqualTo(2);
		grid.set(9, -17, false);
		assertThat(grid.get(4, 1)).isFalse();
		assertThat(grid.get(4, 8)).isTrue();
	}

	@Test
	void countsThePopulationOfTheGridAndOfRows() {
		Grid grid = Grids.bookGlider();

		assertThat(grid.population()).isEqualTo(5);
		assertThat(grid.population(0, 2)).isEqualTo(2);
		assertThat(grid.population(2, 3)).isEqualTo(3);
		assertThat(grid.population(3, 5)).isZero();
	}

	@Test
	void findsTheNextLiveAndDeadCellsAcrossWords() {
		Grid grid = new Grid(200, 1);
		for (int col = 60; col < 140; col++) {
			grid.set(0, col, true);
		}
		grid.set(0, 199, true);

		assertThat(grid.nextAlive(0, 0)).isEqualTo(60);
		assertThat(grid.nextAlive(0, 100)).isEqualTo(100);
		assertThat(grid.nextDead(0, 60)).isEqualTo(140);
		assertThat(grid.nextAlive(0, 140)).isEqualTo(199);
		assertThat(grid.nextDead(0, 199)).isEqualTo(200);
		assertThat(grid.nextAlive(0, 200)).isEqualTo(200);
		assertThat(new Grid(70, 1).nextAlive(0, 0)).isEqualTo(70);
	}

	@Test
	void equalGridsHaveEqualHashCodesAndCopiesAreIndependent() {
		Grid grid = Grids.bookGlider();
		Grid copy = grid.copy();

		assertThat(copy).isEqualTo(grid).hasSameHashCodeAs(grid);
		copy.set(4, 4, true);
		assertThat(copy).isNotEqualTo(grid);
		assertThat(grid.get(4, 4)).isFalse();
		assertThat(new Grid(9, 5)).isNotEqualTo(new Grid(5, 9));
	}

	@Test
	void printsTheBooksText() {
		assertThat(Grids.bookGlider().toText()).isEqualTo("""
				---*-----
				----*----
				--***----
				---------
				---------
				""");
	}

	@Test
	void copiesAndPastesRowsWrappingAround() {
		Grid grid = Grids.of("*----", "-*---", "--*--", "---*-", "----*");

		Grid rows = grid.copyRows(-1, 3);

		assertThat(rows).isEqualTo(Grids.of("----*", "*----", "-*---"));
		assertThat(grid.copyRows(3, 7).toText().split("\n")).containsExactly("---*-", "----*", "*----", "-*---",
				"--*--", "---*-", "----*");
		Grid target = new Grid(5, 5);
		target.pasteRows(4, rows);
		assertThat(target).isEqualTo(Grids.of("*----", "-*---", "-----", "-----", "----*"));
	}

	@Test
	void refusesWordsWithCellsBeyondTheWidth() {
		assertThatIllegalArgumentException().isThrownBy(() -> Grid.ofWords(3, 1, new long[] { 0b1000 }))
			.withMessageContaining("beyond the width 3");
		assertThatIllegalArgumentException().isThrownBy(() -> Grid.ofWords(3, 2, new long[] { 1 }))
			.withMessageContaining("2 words, not 1");
		assertThat(Grid.ofWords(3, 1, new long[] { 0b101 }).population()).isEqualTo(2);
	}

	@Test
	void refusesNonPositiveSizes() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Grid(0, 5))
			.withMessageContaining("positive width and height, not 0×5");
		assertThatIllegalArgumentException().isThrownBy(() -> new Grid(5, -1)).withMessageContaining("5×-1");
	}

	@Test
	void refusesMoreCellsThanOneArrayHolds() {
		assertThatIllegalArgumentException().isThrownBy(() -> new Grid(Integer.MAX_VALUE, Integer.MAX_VALUE))
			.withMessageContaining("2147483647×2147483647")
			.withMessageContaining("more than the 2147483639 one grid can hold");
		assertThatIllegalArgumentException().isThrownBy(() -> new Grid(1, Integer.MAX_VALUE))
			.withMessageContaining("2147483647 words of 64 cells (1 per row)");
	}

	@Test
	void estimatesBytesFromThePackedWords() {
		assertThat(Grid.estimateBytes(1024, 1024)).isEqualTo(1024 * 1024 / 8 + 48);
		assertThat(Grid.estimateBytes(65, 10)).isEqualTo(2 * 8 * 10 + 48);
	}

	@Test
	void refusesAGridWhoseThreeCopiesExceedTheBudgetNamingTheLimit() {
		long one = Grid.estimateBytes(100_000, 100_000);

		Grid.requireMemory(100_000, 100_000, 3 * one, "a test budget");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Grid.requireMemory(100_000, 100_000, 3 * one - 1, "a test budget"))
			.withMessageContaining("100000×100000")
			.withMessageContaining("3.5 GiB")
			.withMessageContaining("limit of 3.5 GiB (a test budget)")
			.withMessageContaining("-Xmx");
	}

	@Test
	void refusesAGridLargerThanHalfTheHeap() {
		int side = (int) Math.min(Integer.MAX_VALUE, Math.sqrt(Runtime.getRuntime().maxMemory() * 8.0));

		assertThatIllegalArgumentException().isThrownBy(() -> Grid.requireHeapMemory(side, side))
			.withMessageContaining("half of the maximum heap (-Xmx)");
		Grid.requireHeapMemory(1024, 1024);
	}

	@Test
	void keepsEveryBitWhenManyThreadsSetCellsConcurrently() throws Exception {
		Grid expected = Grids.random(130, 40, 0.4, new Random(7));
		Grid grid = new Grid(130, 40);
		try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
			List<Future<?>> cells = new ArrayList<>();
			for (int row = 0; row < 40; row++) {
				for (int col = 0; col < 130; col++) {
					int r = row;
					int c = col;
					cells.add(executor.submit(() -> {
						if (expected.get(r, c)) {
							grid.setAliveConcurrently(r, c);
						}
					}));
				}
			}
			for (Future<?> cell : cells) {
				cell.get();
			}
		}
		assertThat(grid).isEqualTo(expected);
	}

}
