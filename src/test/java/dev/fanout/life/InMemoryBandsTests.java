package dev.fanout.life;

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
	void leavesItsInputUnchanged() throws Exception {
		Grid grid = Grids.random(64, 40, 0.4, new Random(3));
		Grid copy = grid.copy();

		InMemoryBands.advance(grid, 2, 5, 10);

		assertThat(grid).isEqualTo(copy);
	}

}
