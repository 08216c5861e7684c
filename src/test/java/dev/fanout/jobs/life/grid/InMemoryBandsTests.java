package dev.fanout.jobs.life.grid;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InMemoryBandsTests {

	@Test
	void advancesLikeTheWholeTorusWhateverTheBandsAndStepLength() throws Exception {
		Random random = new Random(11);
		Grid grid = Grids.random(130, 61, 0.35, random);

		for (int partitions : new int[] { 1, 2, 3, 5 }) {
			for (int k : new int[] { 1, 4, 7 }) {
				assertThat(InMemoryBands.advance(grid, partitions, k, 23))
					.as("%d partitions, K = %d", partitions, k)
					.isEqualTo(BitKernel.advance(grid, 23));
			}
		}
	}

	@Test
	void independentBandsAreEachTheirOwnTorus() throws Exception {
		Grid grid = Grids.random(70, 45, 0.35, new Random(5));

		var bands = InMemoryBands.independent(grid, 3, 9);

		assertThat(bands).containsExactly(BitKernel.advance(grid.copyRows(0, 15), 9),
				BitKernel.advance(grid.copyRows(15, 15), 9), BitKernel.advance(grid.copyRows(30, 15), 9));
		assertThat(bands.get(0)).as("not the bands of the whole torus")
			.isNotEqualTo(BitKernel.advance(grid, 9).copyRows(0, 15));
	}

	@Test
	void leavesItsInputUnchanged() throws Exception {
		Grid grid = Grids.random(64, 40, 0.4, new Random(3));
		Grid copy = grid.copy();

		InMemoryBands.advance(grid, 2, 5, 10);

		assertThat(grid).isEqualTo(copy);
	}

}
