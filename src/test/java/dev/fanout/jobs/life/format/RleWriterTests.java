package dev.fanout.jobs.life.format;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;

import static org.assertj.core.api.Assertions.assertThat;

class RleWriterTests {

	@TempDir
	Path directory;

	@Test
	void writesTheGliderLeavingOutTrailingDeadCellsAndEmptyRows() {
		assertThat(RleWriter.toRle(Grids.bookGlider(), List.of("generation 0")))
			.isEqualTo("#C generation 0\nx = 9, y = 5, rule = B3/S23\n3bo$4bo$2b3o!\n");
	}

	@Test
	void mergesEmptyRowsIntoACountedRowEnd() {
		Grid grid = Grids.of("---", "---", "*--", "---", "---", "-**", "---");

		assertThat(RleWriter.toRle(grid, List.of())).isEqualTo("x = 3, y = 7, rule = B3/S23\n2$o3$b2o!\n");
	}

	@Test
	void writesAnEmptyGridAsJustTheEnd() {
		assertThat(RleWriter.toRle(new Grid(5, 4), List.of())).isEqualTo("x = 5, y = 4, rule = B3/S23\n!\n");
		assertThat(PatternReader.parse(RleWriter.toRle(new Grid(5, 4), List.of()), "empty").cells())
			.isEqualTo(new Grid(5, 4));
	}

	@Test
	void writesTheGosperGunAsLifeWikiDoesInLinesOfAtMostSeventyCharacters() throws IOException {
		Grid gun = PatternReader.read(Path.of("src/test/resources/life/gosper.rle")).cells();

		String rle = RleWriter.toRle(gun, List.of());

		String[] lines = rle.split("\n");
		assertThat(lines[0]).isEqualTo("x = 36, y = 9, rule = B3/S23");
		assertThat(lines).allMatch(line -> line.length() <= RleWriter.MAX_LINE);
		assertThat(String.join("", List.of(lines).subList(1, lines.length))).isEqualTo(
				"24bo$22bobo$12b2o6b2o12b2o$11bo3bo4b2o12b2o$2o8bo5bo3b2o$2o8bo3bob2o4bobo$10bo5bo7bo$11bo3bo$12b2o!");
	}

	@Test
	void roundTripsRandomGridsThroughThePatternReader() {
		Random random = new Random(2024);
		int[][] sizes = { { 1, 1 }, { 1, 9 }, { 9, 1 }, { 63, 5 }, { 64, 64 }, { 65, 3 }, { 200, 17 }, { 333, 2 } };
		for (int[] size : sizes) {
			for (double density : new double[] { 0.0, 0.1, 0.5, 0.95, 1.0 }) {
				Grid grid = Grids.random(size[0], size[1], density, random);

				String rle = RleWriter.toRle(grid, List.of("random " + density, "two\nlines"));

				assertThat(rle.split("\n")).allMatch(line -> line.length() <= RleWriter.MAX_LINE);
				assertThat(PatternReader.parse(rle, "random").cells()).as("%d×%d at %s", size[0], size[1], density)
					.isEqualTo(grid);
			}
		}
	}

	@Test
	void writesAFileAtomically() throws IOException {
		Path file = this.directory.resolve("out/final.rle");

		RleWriter.write(file, Grids.bookGlider(), List.of("Fanout life, generation 0"));

		assertThat(PatternReader.read(file).cells()).isEqualTo(Grids.bookGlider());
		assertThat(Files.readString(file)).startsWith("#C Fanout life, generation 0\n");
		try (var files = Files.list(file.getParent())) {
			assertThat(files).containsExactly(file);
		}
	}

}
