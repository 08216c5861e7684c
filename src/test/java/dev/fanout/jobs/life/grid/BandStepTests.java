package dev.fanout.jobs.life.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class BandStepTests {

	@Test
	void splitsRowsIntoNearlyEqualBandsTopToBottom() {
		assertThat(Band.split(10, 3)).containsExactly(new Band(0, 4), new Band(4, 7), new Band(7, 10));
		assertThat(Band.split(5, 5)).hasSize(5).allMatch(band -> band.rows() == 1);
		assertThat(Band.split(1024, 1)).containsExactly(new Band(0, 1024));
	}

	@Test
	void refusesMorePartitionsThanRowsAndNonPositivePartitions() {
		assertThatIllegalArgumentException().isThrownBy(() -> Band.split(5, 6))
			.withMessageContaining("partitions=6 is more than the grid's 5 rows")
			.withMessageContaining("at most partitions=5");
		assertThatIllegalArgumentException().isThrownBy(() -> Band.split(5, 0))
			.withMessageContaining("partitions=0 is not positive");
		assertThatIllegalArgumentException().isThrownBy(() -> new Band(3, 3)).withMessageContaining("[3, 3)");
	}

	@Test
	void readsTheBandWithKHaloRowsOnEachSideWrappingAround() {
		BandStep middle = new BandStep(new Band(10, 20), 100, 5);
		assertThat(middle.wholeGrid()).isFalse();
		assertThat(middle.firstRow()).isEqualTo(5);
		assertThat(middle.rowCount()).isEqualTo(20);

		BandStep top = new BandStep(new Band(0, 10), 100, 3);
		assertThat(top.firstRow()).isEqualTo(97);
		assertThat(top.rowCount()).isEqualTo(16);

		BandStep bottom = new BandStep(new Band(90, 100), 100, 3);
		assertThat(bottom.firstRow()).isEqualTo(87);
		assertThat(bottom.rowCount()).isEqualTo(16);
	}

	@Test
	void readsTheWholeGridWhenTheHaloWouldReachAround() {
		assertThat(new BandStep(new Band(0, 10), 30, 10).wholeGrid()).isTrue();
		assertThat(new BandStep(new Band(0, 10), 31, 10).wholeGrid()).isFalse();
		BandStep whole = new BandStep(new Band(5, 10), 20, 1000);
		assertThat(whole.firstRow()).isZero();
		assertThat(whole.rowCount()).isEqualTo(20);
	}

	@Test
	void everyBandIsWholeOnlyWhenTheSmallestBandsHaloReachesAround() {
		// 31 rows in bands of 11, 10 and 10: 10 halo rows make the first whole, 11 make all three.
		assertThat(BandStep.everyBandWhole(31, 3, 10)).isFalse();
		assertThat(BandStep.everyBandWhole(31, 3, 11)).isTrue();
		assertThat(BandStep.everyBandWhole(31, 1, 0)).isTrue();
	}

	@Test
	void aStepsBandsHoldTheirRowsWithHaloTwiceAndTheirResultAllAtOnce() {
		long row = 8; // a 64-cell row is one word
		long grid = 48; // a grid's array and object headers
		// 8 bands of 16 rows of 128, K = 4: strips of 24 rows.
		assertThat(BandStep.heapBytes(64, 128, 8, 4)).isEqualTo(8 * (2 * (24 * row + grid) + (16 * row + grid)));
		// K = 56: 16 + 2 × 56 rows reach around the torus, and every band holds the whole grid twice.
		assertThat(BandStep.heapBytes(64, 128, 8, 56)).isEqualTo(8 * (2 * (128 * row + grid) + (16 * row + grid)));
		// One band is the whole grid, whatever K: three grids, as before partitions.
		assertThat(BandStep.heapBytes(64, 128, 1, 7)).isEqualTo(3 * (128 * row + grid));
	}

	@Test
	void theMostGenerationsWithinABudgetAreThoseWhoseBandsFit() {
		long atFour = BandStep.heapBytes(64, 128, 8, 4);

		assertThat(BandStep.mostGenerationsWithin(64, 128, 8, 56, atFour)).isEqualTo(4);
		assertThat(BandStep.mostGenerationsWithin(64, 128, 8, 56, atFour - 1)).isEqualTo(3);
		assertThat(BandStep.mostGenerationsWithin(64, 128, 8, 2, atFour)).isEqualTo(2);
		assertThat(BandStep.mostGenerationsWithin(64, 128, 8, 56, BandStep.heapBytes(64, 128, 8, 1) - 1)).isZero();
	}

	@Test
	void equalsAdvancingTheWholeTorusOnRandomGridsBandsAndGenerations() {
		Random random = new Random(56);
		int halo = 0;
		int whole = 0;
		int[] widths = { 1, 3, 7, 63, 64, 65, 129 };
		for (int trial = 0; trial < 250; trial++) {
			int width = widths[random.nextInt(widths.length)];
			int height = 1 + random.nextInt(40);
			Grid grid = Grids.random(width, height, 0.1 + 0.6 * random.nextDouble(), random);
			int from = random.nextInt(height);
			int to = from + 1 + random.nextInt(height - from);
			int k = (trial % 5 == 0) ? height + random.nextInt(10) : random.nextInt(8);
			Band band = new Band(from, to);
			BandStep step = new BandStep(band, height, k);

			BandResult result = step.advance(step.inputFrom(grid), BandProgress.NONE);

			String what = "trial %d: %d×%d, %s, %d generations, whole grid %s".formatted(trial, width, height, band, k,
					step.wholeGrid());
			Grid expected = grid;
			for (int i = 0; i < k; i++) {
				expected = BitKernel.advance(expected, 1);
				assertThat(result.populations()[i]).as("%s: population after %d", what, i + 1)
					.isEqualTo(expected.population(from, to));
			}
			assertThat(result.rows()).as(what).isEqualTo(expected.copyRows(from, to - from));
			assertThat(result.populations()).as(what).hasSize(k);
			if (step.wholeGrid()) {
				whole++;
			}
			else {
				halo++;
			}
		}
		assertThat(halo).as("trials with a halo").isGreaterThan(50);
		assertThat(whole).as("trials with the whole grid").isGreaterThan(50);
	}

	@Test
	void agreesWithTheByteRulesOnABandOfALargerGrid() {
		Grid grid = Grids.random(130, 90, 0.35, new Random(5));
		BandStep step = new BandStep(new Band(30, 60), 90, 12);

		BandResult result = step.advance(step.inputFrom(grid), BandProgress.NONE);

		assertThat(step.wholeGrid()).isFalse();
		assertThat(result.rows()).isEqualTo(LifeRules.advance(grid, 12).copyRows(30, 30));
	}

	@Test
	void bandsOfAllPartitionsTogetherMakeTheNextCheckpoint() {
		Grid grid = Grids.random(200, 64, 0.3, new Random(9));
		Grid next = new Grid(200, 64);
		long population = 0;

		for (Band band : Band.split(64, 3)) {
			BandStep step = new BandStep(band, 64, 7);
			BandResult result = step.advance(step.inputFrom(grid), BandProgress.NONE);
			next.pasteRows(band.from(), result.rows());
			population += result.population();
		}

		Grid expected = BitKernel.advance(grid, 7);
		assertThat(next).isEqualTo(expected);
		assertThat(population).isEqualTo(expected.population());
	}

	@Test
	void reportsTheBandsPopulationAfterEveryGenerationAsItGoes() {
		// A glider in the band: 5 cells in every generation, until it leaves the band.
		Grid grid = new Grid(20, 20);
		grid.pasteRows(8, Grids.of("-*------------------", "--*-----------------", "***-----------------"));
		BandStep step = new BandStep(new Band(6, 14), 20, 4);
		List<String> reports = new ArrayList<>();

		BandResult result = step.advance(step.inputFrom(grid), (done, population) -> reports.add(done + ":" + population));

		assertThat(reports).containsExactly("1:5", "2:5", "3:5", "4:5");
		assertThat(result.populations()).containsExactly(5, 5, 5, 5);
		assertThat(result.population()).isEqualTo(5);
	}

	@Test
	void returnsTheBandUnchangedForZeroGenerations() {
		Grid grid = Grids.random(70, 10, 0.5, new Random(1));
		BandStep step = new BandStep(new Band(2, 5), 10, 0);

		BandResult result = step.advance(step.inputFrom(grid), BandProgress.NONE);

		assertThat(result.rows()).isEqualTo(grid.copyRows(2, 3));
		assertThat(result.populations()).isEmpty();
		assertThat(result.population()).isEqualTo(grid.population(2, 5));
	}

	@Test
	void refusesInputOfTheWrongSizeAndBandsOutsideTheGrid() {
		BandStep step = new BandStep(new Band(10, 20), 100, 5);

		assertThatIllegalArgumentException().isThrownBy(() -> step.advance(new Grid(8, 10), BandProgress.NONE))
			.withMessageContaining("needs 20 input rows, not 10");
		assertThatIllegalArgumentException().isThrownBy(() -> new BandStep(new Band(10, 20), 15, 1))
			.withMessageContaining("outside a grid of 15 rows");
		assertThatIllegalArgumentException().isThrownBy(() -> new BandStep(new Band(0, 1), 15, -1))
			.withMessageContaining("-1 generations");
	}

}
