package dev.fanout.jobs.life.grid;

import org.junit.jupiter.api.Test;
import dev.fanout.jobs.life.format.PatternReader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class PlacementTests {

	private static final Pattern R_PENTOMINO = PatternReader.parse("x = 3, y = 3\nb2o$2ob$bo!", "r");

	@Test
	void placesAPatternWithItsTopLeftCellAtXAndY() {
		Grid grid = Placement.place(R_PENTOMINO, 6, 5, Placement.at(2, 1));

		assertThat(grid).isEqualTo(Grids.of("------", "---**-", "--**--", "---*--", "------"));
	}

	@Test
	void keepsThePatternsSizeByDefault() {
		Pattern glider = PatternReader.parse(Grids.bookGlider().toText(), "glider.txt");

		assertThat(Placement.place(glider, glider.width(), glider.height(), Placement.TOP_LEFT))
			.isEqualTo(Grids.bookGlider());
	}

	@Test
	void centresAPattern() {
		Grid grid = Placement.place(R_PENTOMINO, 1024, 1024, Placement.CENTER);

		assertThat(grid.population()).isEqualTo(5);
		assertThat(grid.get(510, 511)).isTrue();
		assertThat(grid.get(510, 512)).isTrue();
		assertThat(grid.get(511, 510)).isTrue();
		assertThat(grid.get(511, 511)).isTrue();
		assertThat(grid.get(512, 511)).isTrue();
		assertThat(Placement.place(R_PENTOMINO, 4, 4, Placement.CENTER))
			.isEqualTo(Grids.of("-**-", "**--", "-*--", "----"));
	}

	@Test
	void wrapsAPatternPlacedAcrossTheEdge() {
		Grid grid = Placement.place(R_PENTOMINO, 4, 4, Placement.at(3, 3));

		assertThat(grid).isEqualTo(Grids.of("*--*", "*---", "----", "**--"));
	}

	@Test
	void refusesAPatternLargerThanTheGridGivingBothSizes() {
		Pattern gun = PatternReader.parse("x = 36, y = 9\n24bo!", "gun");

		assertThatIllegalArgumentException().isThrownBy(() -> Placement.place(gun, 20, 20, Placement.CENTER))
			.withMessageContaining("the pattern is 36×9 cells (width × height) but the grid is only 20×20")
			.withMessageContaining("width ≥ 36 and height ≥ 9");
		assertThatIllegalArgumentException().isThrownBy(() -> Placement.place(gun, 36, 8, Placement.TOP_LEFT))
			.withMessageContaining("only 36×8");
		assertThatIllegalArgumentException().isThrownBy(() -> Placement.place(gun, 0, 8, Placement.TOP_LEFT))
			.withMessageContaining("positive width and height");
	}

}
