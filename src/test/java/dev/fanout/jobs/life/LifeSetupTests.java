package dev.fanout.jobs.life;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.ParameterValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** A first launch's setup: the grid's size from the parameters or the pattern, within the documented limits. */
class LifeSetupTests {

	@TempDir
	Path dataDir;

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
