package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.ParameterValues;
import dev.fanout.jobs.life.grid.BandStep;
import dev.fanout.jobs.life.grid.CheckpointPolicy;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * A first launch's setup: the grid's size from the parameters or the pattern, within the documented limits; and the
 * heap its partitioned steps need, checked before it starts against budgets given here rather than this JVM's heap
 * (the bands of a step all run at once, each holding its rows and halo rows twice).
 */
class LifeSetupTests {


	private static final long MIB = 1 << 20;

	/** Half of -Xmx128m, where the reviewer's run ran out of heap. */
	private static final long BUDGET = 64 * MIB;

	private static final int WIDTH = 1 << 20;

	private static final int HEIGHT = 128;

	@TempDir
	Path dataDir;

	@Test
	void bandsWhoseHalosMakeThemMostOfTheGridAreRefusedUpFrontNamingCheckpointAndPartitions() {
		// 8 bands of 16 rows with 40 halo rows on each side: each steps two copies of 96 of the 16 MiB grid's 128 rows.
		LifeParameters parameters = parameters(8, 40, Duration.ZERO);
		assertThat(Grid.estimateBytes(WIDTH, HEIGHT) * Grid.GRIDS_IN_MEMORY).as("what the heap check counted before")
			.isLessThanOrEqualTo(BUDGET);

		assertThatIllegalArgumentException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(parameters, WIDTH, HEIGHT, 40, BUDGET, "a test limit"))
			.withMessageStartingWith("partitions=8 with checkpoint=40 needs about 208.0 MiB for a 1048576×128 grid")
			.withMessageContaining("its 8 bands run at once")
			.withMessageContaining("more than the limit of 64 MiB (a test limit)")
			.withMessageContaining("lower checkpoint (fewer halo rows) or partitions");
	}

	@Test
	void bandsWhoseHalosWouldEachReachAroundTheTorusAreOneBand() {
		// 16-row bands of a 128-row torus: 56 halo rows on each side make each band the whole torus, 55 do not.
		assertThat(LifeSetup.bands(parameters(8, 56, Duration.ZERO), HEIGHT, 56)).isEqualTo(1);
		assertThat(LifeSetup.bands(parameters(8, 55, Duration.ZERO), HEIGHT, 55)).isEqualTo(8);
		// One band holds the whole grid twice and its result, 48 MiB: within the budget that 8 whole bands were not.
		LifeParameters wholeBands = parameters(8, 56, Duration.ZERO);
		assertThatNoException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(wholeBands, WIDTH, HEIGHT, 56, BUDGET, "a test limit"));
		// 127 rows in bands of 43, 42 and 42 with 42 halo rows: only the first would reach around; all three run.
		assertThat(LifeSetup.bands(parameters(3, 42, Duration.ZERO), 127, 42)).isEqualTo(3);
		// The R-pentomino's 1024² in one step of 1103 generations, on 2 partitions.
		assertThat(LifeSetup.bands(parameters(2, 0, Duration.ZERO), 1024, 1103)).isEqualTo(1);
		// With cellLatency a band's cells are the concurrent blocking calls: the bands stay.
		assertThat(LifeSetup.bands(parameters(8, 56, Duration.ofMillis(1)), HEIGHT, 56)).isEqualTo(8);
	}

	@Test
	void bandsThatDoNotFitEvenAtOneGenerationPerStepAreRefusedNamingPartitions() {
		LifeParameters parameters = parameters(128, 0, Duration.ofMillis(1));
		long atOne = BandStep.heapBytes(WIDTH, HEIGHT, 128, 1);

		assertThatNoException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(parameters, WIDTH, HEIGHT, 1, atOne, "a test limit"));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(parameters, WIDTH, HEIGHT, 1, atOne - 1, "a test limit"))
			.withMessageStartingWith("partitions=128 needs about")
			.withMessageContaining("even at one generation per step")
			.withMessageContaining("lower partitions, use a smaller width and height");
	}

	@Test
	void anAutomaticCheckpointIsLoweredUntilTheBandsFit() {
		LifeParameters parameters = parameters(8, 0, Duration.ZERO);
		int unlimited = CheckpointPolicy.generationsPerStep(WIDTH, HEIGHT, 8, parameters.generations());

		int fitting = LifeSetup.generationsPerStep(parameters, WIDTH, HEIGHT, BUDGET);

		assertThat(fitting).isLessThan(unlimited).isPositive();
		assertThat(BandStep.heapBytes(WIDTH, HEIGHT, 8, fitting)).isLessThanOrEqualTo(BUDGET);
		assertThat(BandStep.heapBytes(WIDTH, HEIGHT, 8, fitting + 1)).isGreaterThan(BUDGET);
		assertThatNoException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(parameters, WIDTH, HEIGHT, fitting, BUDGET, "a test limit"));
		assertThat(LifeSetup.generationsPerStep(parameters, WIDTH, HEIGHT, Long.MAX_VALUE)).isEqualTo(unlimited);
	}

	@Test
	void anAutomaticCheckpointWhoseBandsWouldEachBeTheWholeTorusIsKeptWhenOneBandFits() {
		// The R-pentomino's 1024² in one step of 1103 generations on 2 partitions: one band, the whole torus.
		LifeParameters parameters = new LifeParameters(Path.of("life/r-pentomino.rle"), 1024, 1024, Placement.CENTER,
				1103, 2, 0, false, 16, Duration.ZERO, null);
		long oneBand = BandStep.heapBytes(1024, 1024, 1, 1103);
		assertThat(BandStep.heapBytes(1024, 1024, 2, 1103)).as("two whole bands").isGreaterThan(oneBand);

		assertThat(LifeSetup.generationsPerStep(parameters, 1024, 1024, oneBand)).isEqualTo(1103);
		assertThatNoException()
			.isThrownBy(() -> LifeSetup.requireBandMemory(parameters, 1024, 1024, 1103, oneBand, "a test limit"));
	}

	private static LifeParameters parameters(int partitions, int checkpoint, Duration cellLatency) {
		return new LifeParameters(Path.of("life/r-pentomino.rle"), WIDTH, HEIGHT, Placement.CENTER, 56, partitions,
				checkpoint, false, 16, cellLatency, null);
	}


	@Test
	void takesTheGridsSizeFromThePatternWhenWidthAndHeightAreNotGiven() throws Exception {
		LifeSetup setup = setup(Map.of("pattern", rle("line.rle", 1 << 20, 1)));

		assertThat(setup.width()).isEqualTo(LifeParameters.MAX_SIDE);
		assertThat(setup.height()).isEqualTo(1);
	}

	@Test
	void refusesAPatternWiderOrTallerThanTheLargestGridWhenTheGridTakesItsSize() throws Exception {
		String wide = rle("wide.rle", (1 << 20) + 1, 1);
		String tall = rle("tall.rle", 1, (1 << 20) + 1);

		assertThatIllegalArgumentException().isThrownBy(() -> setup(Map.of("pattern", wide)))
			.withMessage("the pattern is 1048577×1 cells (width × height), and the grid takes its size, but a grid's "
					+ "side is at most 1048576 cells; use a pattern at most 1048576 cells wide and high");
		assertThatIllegalArgumentException().isThrownBy(() -> setup(Map.of("pattern", tall, "width", "8")))
			.withMessageStartingWith("the pattern is 1×1048577 cells");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> setup(Map.of("pattern", wide, "width", "1048576", "height", "1")))
			.as("a grid given its size refuses a larger pattern as before")
			.withMessageContaining("but the grid is only 1048576×1");
	}

	private LifeSetup setup(Map<String, String> given) {
		LifeJobDescription description = new LifeJobDescription(2, this.dataDir);
		return LifeSetup.of(LifeParameters.parse(new ParameterValues(description.withDefaults(given)), this.dataDir));
	}

	/** An RLE pattern of the given size with one live cell, in the data directory; its name as a parameter. */
	private String rle(String name, int width, int height) throws Exception {
		Files.writeString(this.dataDir.resolve(name), "x = %d, y = %d\no!\n".formatted(width, height));
		return name;
	}

}
