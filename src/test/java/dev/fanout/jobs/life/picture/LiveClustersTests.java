package dev.fanout.jobs.life.picture;

import org.junit.jupiter.api.Test;
import dev.fanout.jobs.life.grid.Grid;

import static org.assertj.core.api.Assertions.assertThat;

class LiveClustersTests {

	@Test
	void theLargestClusterLeavesOutADistantGlider() {
		Grid grid = new Grid(1024, 1024);
		// Debris: a block and a blinker, 40 cells apart (touching blocks of 64 cells).
		for (int[] cell : new int[][] { { 500, 500 }, { 500, 501 }, { 501, 500 }, { 501, 501 }, { 520, 540 },
				{ 520, 541 }, { 520, 542 } }) {
			grid.set(cell[0], cell[1], true);
		}
		// A glider 300 cells away.
		for (int[] cell : new int[][] { { 200, 201 }, { 201, 202 }, { 202, 200 }, { 202, 201 }, { 202, 202 } }) {
			grid.set(cell[0], cell[1], true);
		}

		GridImages.Window cluster = LiveClusters.largest(grid);

		assertThat(cluster).isEqualTo(new GridImages.Window(500, 500, 43, 21));
		assertThat(GridImages.population(grid, cluster)).isEqualTo(7);
		assertThat(GridImages.liveArea(grid)).isEqualTo(new GridImages.Window(200, 200, 343, 321));
	}

	@Test
	void aGridWithoutLiveCellsHasNoCluster() {
		assertThat(LiveClusters.largest(new Grid(300, 200))).isNull();
	}

	@Test
	void onATieTheFirstClusterInRowOrderWins() {
		Grid grid = new Grid(1024, 1024);
		grid.set(900, 10, true);
		grid.set(10, 900, true);

		assertThat(LiveClusters.largest(grid)).isEqualTo(new GridImages.Window(900, 10, 1, 1));
	}

}
