package dev.fanout.jobs.life.grid;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import dev.fanout.jobs.life.format.PatternReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fast kernel against the byte-per-cell rules. {@link KernelBenchmark} measures its speed.
 */
class BitKernelTests {

	private static final double[] DENSITIES = { 0.05, 0.3, 0.5, 0.85 };

	@ParameterizedTest(name = "{0}×{1}")
	@CsvSource({ "1,1", "1,7", "7,1", "2,2", "3,3", "63,5", "64,1", "64,64", "65,3", "1,65", "127,9", "128,2",
			"129,4", "130,130", "200,1" })
	void agreesWithTheByteRulesOnRandomGrids(int width, int height) {
		Random random = new Random(31L * width + height);
		for (double density : DENSITIES) {
			for (int sample = 0; sample < 3; sample++) {
				Grid grid = Grids.random(width, height, density, random);
				byte[] cells = LifeRules.toBytes(grid);
				Grid next = new Grid(width, height);
				for (int generation = 1; generation <= 6; generation++) {
					long population = BitKernel.step(grid, next);
					LifeRules.advance(cells, width, height, 1);
					Grid expected = LifeRules.toGrid(cells, width, height);
					assertThat(next).as("%d×%d, density %s, sample %d, generation %d", width, height, density, sample,
							generation).isEqualTo(expected);
					assertThat(population).isEqualTo(expected.population());
					Grid swap = grid;
					grid = next;
					next = swap;
				}
			}
		}
	}

	@Test
	void keepsTheBitsBeyondTheWidthZero() {
		Grid full = new Grid(65, 3);
		for (int row = 0; row < 3; row++) {
			for (int col = 0; col < 65; col++) {
				full.set(row, col, (row + col) % 3 != 0);
			}
		}
		Grid next = new Grid(65, 3);

		BitKernel.step(full, next);

		// ofWords refuses set bits beyond the width.
		assertThat(Grid.ofWords(65, 3, next.words().clone())).isEqualTo(LifeRules.advance(full, 1));
	}

	@Test
	void wrapsTheGliderAroundTheTorusBackToItsStart() {
		for (int size : new int[] { 5, 8, 70, 130 }) {
			Grid glider = new Grid(size, size);
			glider.pasteRows(size - 2, Grids.of(
					("-*" + "-".repeat(size - 2)), ("--*" + "-".repeat(size - 3)), ("***" + "-".repeat(size - 3))));

			assertThat(BitKernel.advance(glider, 4L * size)).as("%d×%d", size, size).isEqualTo(glider);
			Grid moved = new Grid(size, size);
			for (int row = 0; row < size; row++) {
				for (int col = 0; col < size; col++) {
					moved.set(row + 1, col + 1, glider.get(row, col));
				}
			}
			assertThat(BitKernel.advance(glider, 4)).as("%d×%d after 4", size, size).isEqualTo(moved);
		}
	}

	@Test
	void computesABandIntoABandBuffer() {
		Grid grid = Grids.random(100, 40, 0.4, new Random(3));
		Grid whole = new Grid(100, 40);
		BitKernel.step(grid, whole);
		Grid band = new Grid(100, 12);

		long population = BitKernel.step(grid, 28, 40, band, 0);

		assertThat(band).isEqualTo(whole.copyRows(28, 12));
		assertThat(population).isEqualTo(whole.population(28, 40));
	}

	@Test
	void computesBandsConcurrentlyIntoOneSharedTarget() throws Exception {
		Grid grid = Grids.random(300, 101, 0.35, new Random(11));
		Grid target = new Grid(300, 101);
		List<Future<Long>> bands = new ArrayList<>();
		try (ExecutorService executor = Executors.newFixedThreadPool(4)) {
			for (Band band : Band.split(101, 7)) {
				bands.add(executor.submit(() -> BitKernel.step(grid, band.from(), band.to(), target, band.from())));
			}
			long population = 0;
			for (Future<Long> band : bands) {
				population += band.get();
			}
			assertThat(population).isEqualTo(target.population());
		}

		assertThat(target).isEqualTo(LifeRules.advance(grid, 1));
	}

	@Test
	void refusesATargetOfAnotherWidthOrTooFewRowsOrTheSourceItself() {
		Grid grid = new Grid(10, 10);

		assertThatIllegalArgumentException().isThrownBy(() -> BitKernel.step(grid, new Grid(11, 10)))
			.withMessageContaining("width");
		assertThatThrownBy(() -> BitKernel.step(grid, 0, 10, new Grid(10, 5), 0))
			.isInstanceOf(IndexOutOfBoundsException.class);
		assertThatIllegalArgumentException().isThrownBy(() -> BitKernel.step(grid, grid)).withMessageContaining("source");
	}

	@Test
	void runsTheRPentominoToItsFinalPopulationOnA1024Torus() {
		Grid grid = Placement.place(PatternReader.parse("x = 3, y = 3, rule = B3/S23\nb2o$2ob$bo!", "r-pentomino"),
				1024, 1024, Placement.CENTER);

		long start = System.nanoTime();
		Grid end = BitKernel.advance(grid, 1103);
		long nanos = System.nanoTime() - start;

		// The R-pentomino stabilizes at generation 1103 with 116 cells; on this torus its gliders do not wrap yet.
		assertThat(end.population()).isEqualTo(116);
		assertThat(BitKernel.advance(end, 2).population()).isEqualTo(116);
		System.out.printf(Locale.ROOT, "BitKernel: R-pentomino 1024×1024, 1103 generations in %.0f ms, %.2f × 10^9 "
				+ "cell updates/s (one thread, includes warm-up)%n", nanos / 1e6, 1024.0 * 1024 * 1103 / nanos);
	}

}
