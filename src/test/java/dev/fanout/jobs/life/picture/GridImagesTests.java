package dev.fanout.jobs.life.picture;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.Await;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;
import dev.fanout.jobs.life.grid.Grids;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class GridImagesTests {

	private static final int DEAD = 0xffffffff;

	private static final int ALIVE = 0xff202030;

	@TempDir
	Path directory;

	@Test
	void scalesSmallGridsUpAndLargeGridsDown() {
		assertThat(GridImages.Scale.of(9, 5, 1024)).isEqualTo(new GridImages.Scale(16, 1, 144, 80));
		assertThat(GridImages.Scale.of(100, 30, 1024)).isEqualTo(new GridImages.Scale(10, 1, 1000, 300));
		assertThat(GridImages.Scale.of(1024, 1024, 1024)).isEqualTo(new GridImages.Scale(1, 1, 1024, 1024));
		assertThat(GridImages.Scale.of(1025, 10, 1024)).isEqualTo(new GridImages.Scale(1, 2, 513, 5));
		assertThat(GridImages.Scale.of(100_000, 3, 512)).isEqualTo(new GridImages.Scale(1, 196, 511, 1));
	}

	@Test
	void writesADecodablePngWithSixteenPixelsPerCellOfASmallGrid() throws IOException {
		Path file = this.directory.resolve("final.png");

		GridImages.writePng(file, Grids.bookGlider());

		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image.getWidth()).isEqualTo(144);
		assertThat(image.getHeight()).isEqualTo(80);
		for (int row = 0; row < 5; row++) {
			for (int col = 0; col < 9; col++) {
				int expected = Grids.bookGlider().get(row, col) ? ALIVE : DEAD;
				assertThat(image.getRGB(col * 16, row * 16)).as("cell (%d, %d)", row, col).isEqualTo(expected);
				assertThat(image.getRGB(col * 16 + 15, row * 16 + 15)).as("cell (%d, %d)", row, col).isEqualTo(expected);
			}
		}
	}

	@Test
	void shrinksALargeGridKeepingALoneCellVisible() throws IOException {
		Grid grid = new Grid(3000, 1500);
		grid.set(1499, 2999, true);
		Path file = this.directory.resolve("large.png");

		GridImages.writePng(file, grid);

		BufferedImage image = ImageIO.read(file.toFile());
		assertThat(image.getWidth()).isEqualTo(1000);
		assertThat(image.getHeight()).isEqualTo(500);
		int dark = 0;
		for (int y = 0; y < 500; y++) {
			for (int x = 0; x < 1000; x++) {
				if (image.getRGB(x, y) == ALIVE) {
					dark++;
				}
			}
		}
		assertThat(dark).isEqualTo(1);
		assertThat(image.getRGB(999, 499)).isEqualTo(ALIVE);
		assertThat(Files.size(file)).isLessThan(10_000);
	}

	@Test
	void darkensEveryBlockOfCellsWithALiveCell() {
		Grid grid = new Grid(3000, 1500);
		for (int col = 0; col < 3000; col += 2) {
			grid.set(4, col, true);
		}
		grid.set(8, 2, true);
		grid.set(8, 3, true);

		BufferedImage image = GridImages.render(grid, 1024);

		for (int x = 0; x < 1000; x++) {
			assertThat(image.getRGB(x, 1)).as("pixel (%d, 1)", x).isEqualTo(ALIVE);
			assertThat(image.getRGB(x, 0)).as("pixel (%d, 0)", x).isEqualTo(DEAD);
			assertThat(image.getRGB(x, 3)).as("pixel (%d, 3)", x).isEqualTo(DEAD);
			assertThat(image.getRGB(x, 2)).as("pixel (%d, 2)", x).isEqualTo((x == 0 || x == 1) ? ALIVE : DEAD);
		}
	}

	@Test
	void writesAnAnimatedGifOfTheFirstGenerationsThatLoops() throws IOException {
		Path file = this.directory.resolve("first.gif");

		int frames = GridImages.writeAnimation(file, Grids.bookGlider(), 9, 200);

		assertThat(frames).isEqualTo(9);
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
			reader.setInput(in);
			assertThat(reader.getNumImages(true)).isEqualTo(9);
			BufferedImage fourth = reader.read(4);
			assertThat(fourth.getWidth()).isEqualTo(144);
			Grid generation4 = BitKernel.advance(Grids.bookGlider(), 4);
			for (int row = 0; row < 5; row++) {
				for (int col = 0; col < 9; col++) {
					assertThat(fourth.getRGB(col * 16 + 8, row * 16 + 8)).as("generation 4, cell (%d, %d)", row, col)
						.isEqualTo(generation4.get(row, col) ? ALIVE : DEAD);
				}
			}
			IIOMetadataNode first = (IIOMetadataNode) reader.getImageMetadata(0)
				.getAsTree("javax_imageio_gif_image_1.0");
			IIOMetadataNode control = (IIOMetadataNode) first.getElementsByTagName("GraphicControlExtension").item(0);
			assertThat(control.getAttribute("delayTime")).isEqualTo("20");
			IIOMetadataNode loop = (IIOMetadataNode) first.getElementsByTagName("ApplicationExtension").item(0);
			assertThat(loop.getAttribute("applicationID")).isEqualTo("NETSCAPE");
			assertThat((byte[]) loop.getUserObject()).containsExactly(1, 0, 0);
			reader.dispose();
		}
	}

	@Test
	void capsTheFramesAndTheSizeOfAnAnimation() throws IOException {
		Path file = this.directory.resolve("capped.gif");
		Grid grid = new Grid(2000, 1000);
		grid.pasteRows(0, Placement.place(PatternReader.parse("x = 3, y = 3\nb2o$2ob$bo!", "r"), 2000, 3,
				Placement.CENTER));

		int frames = GridImages.writeAnimation(file, grid, 150, 50);

		assertThat(frames).isEqualTo(GridImages.MAX_GIF_FRAMES);
		try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
			ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
			reader.setInput(in);
			assertThat(reader.getNumImages(true)).isEqualTo(100);
			assertThat(reader.getWidth(0)).isEqualTo(500);
			assertThat(reader.getHeight(0)).isEqualTo(250);
			reader.dispose();
		}
	}

	@Test
	void leavesNoFileWhenAnAnimationIsNotFinished() throws IOException {
		Path file = this.directory.resolve("abandoned.gif");

		try (GifAnimation gif = new GifAnimation(file, 9, 5, 100)) {
			gif.add(Grids.bookGlider());
		}

		try (var files = Files.list(this.directory)) {
			assertThat(files).isEmpty();
		}
		assertThatIllegalArgumentException().isThrownBy(() -> GridImages.writeAnimation(file, new Grid(3, 3), 0, 100))
			.withMessageContaining("at least one frame");
	}


	@Test
	void findsTheLiveAreaAndCropsToItWithAMarginOnlyWhenThatShowsCellsLarger() {
		Grid grid = new Grid(1024, 1024);
		grid.set(500, 510, true);
		grid.set(502, 512, true);
		grid.set(501, 600, true);

		GridImages.Window live = GridImages.liveArea(grid);

		assertThat(live).isEqualTo(new GridImages.Window(510, 500, 91, 3));
		assertThat(GridImages.focus(grid, live, 1024)).isEqualTo(new GridImages.Window(502, 492, 107, 19));
		assertThat(GridImages.liveArea(new Grid(100, 100))).isNull();
		assertThat(GridImages.focus(grid, null, 1024)).isEqualTo(GridImages.Window.whole(grid));
		// The book's glider already gets the most pixels a cell may have: cropping would show nothing larger.
		Grid glider = Grids.bookGlider();
		assertThat(GridImages.focus(glider, GridImages.liveArea(glider), 1024).isWhole(glider)).isTrue();
		// Live cells at both edges: the area is the whole width, so no crop.
		grid.set(0, 0, true);
		grid.set(1023, 1023, true);
		assertThat(GridImages.focus(grid, GridImages.liveArea(grid), 1024).isWhole(grid)).isTrue();
	}

	@Test
	void rendersAWindowScaledUpWithItsCellsAtTheirPlacesTheSameBytesEachTime() throws IOException {
		Grid grid = new Grid(1024, 1024);
		grid.set(500, 510, true);
		grid.set(502, 512, true);
		GridImages.Window window = GridImages.focus(grid, GridImages.liveArea(grid), 1024);

		BufferedImage image = GridImages.render(grid, window, 1024);
		Path first = this.directory.resolve("first.png");
		Path second = this.directory.resolve("second.png");
		GridImages.writePng(first, grid, window);
		GridImages.writePng(second, grid, window);

		assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
		assertThat(ImageIO.read(first.toFile()).getWidth()).isEqualTo(image.getWidth());
		// A 3×3 live area, 19×19 with the margin: the most pixels a cell may have.
		assertThat(window).isEqualTo(new GridImages.Window(502, 492, 19, 19));
		assertThat(image.getWidth()).isEqualTo(19 * GridImages.MAX_PIXELS_PER_CELL);
		int p = GridImages.MAX_PIXELS_PER_CELL;
		for (int row = 492; row < 511; row++) {
			for (int col = 502; col < 521; col++) {
				int x = (col - 502) * p;
				int y = (row - 492) * p;
				int expected = grid.get(row, col) ? ALIVE : DEAD;
				assertThat(image.getRGB(x, y)).as("cell (%d, %d)", row, col).isEqualTo(expected);
				assertThat(image.getRGB(x + p - 1, y + p - 1)).as("cell (%d, %d)", row, col).isEqualTo(expected);
			}
		}
	}

	@Test
	void rendersAShrunkWindowFromItsOwnOrigin() {
		Grid grid = new Grid(5000, 100);
		grid.set(50, 1000, true);
		grid.set(50, 3999, true);
		GridImages.Window window = new GridImages.Window(1000, 0, 3000, 100);

		BufferedImage image = GridImages.render(grid, window, 1000);

		assertThat(image.getWidth()).isEqualTo(1000);
		assertThat(image.getHeight()).isEqualTo(34);
		assertThat(image.getRGB(0, 16)).isEqualTo(ALIVE);
		assertThat(image.getRGB(999, 16)).isEqualTo(ALIVE);
		int dark = 0;
		for (int y = 0; y < image.getHeight(); y++) {
			for (int x = 0; x < image.getWidth(); x++) {
				dark += (image.getRGB(x, y) == ALIVE) ? 1 : 0;
			}
		}
		assertThat(dark).isEqualTo(2);
	}

	@Test
	void aFocusedAnimationComputesOnlyThePartItsGenerationsReachWithTheBytesOfTheWholeTorus() throws IOException {
		for (int[] at : new int[][] { { 1024, 1024, 512, 512 }, { 300, 260, 120, 110 }, { 1024, 1024, 3, 500 } }) {
			Grid grid = new Grid(at[0], at[1]);
			grid.pasteRows(0, Placement.place(PatternReader.parse("x = 3, y = 3\nb2o$2ob$bo!", "r"), at[0], at[1],
					Placement.CENTER));
			grid = BitKernel.advance(grid, 0);
			Grid moved = new Grid(at[0], at[1]);
			for (int row = 0; row < at[1]; row++) {
				for (int col = grid.nextAlive(row, 0); col < at[0]; col = grid.nextAlive(row, col + 1)) {
					moved.set(Math.floorMod(row - at[1] / 2 + at[3], at[1]), Math.floorMod(col - at[0] / 2 + at[2], at[0]),
							true);
				}
			}
			Path focused = this.directory.resolve("focused.gif");
			Path whole = this.directory.resolve("whole.gif");

			GridImages.Window shown = GridImages.writeFocusedAnimation(focused, moved, 100, 100);
			GridImages.writeAnimation(whole, moved, GridImages.focus(moved, GridImages.liveAreaOfAnimation(moved, 100),
					GridImages.MAX_GIF_SIDE), 100, 100);

			// The last one's generations reach around the torus's edge: the whole torus is computed and shown.
			assertThat(shown.isWhole(moved)).as("the window of %s", java.util.Arrays.toString(at)).isEqualTo(at[2] == 3);
			assertThat(Files.readAllBytes(focused)).as("at %s", java.util.Arrays.toString(at))
				.isEqualTo(Files.readAllBytes(whole));
		}
	}

	@Test
	void framesCodedOnSeveralThreadsGiveTheBytesOfOneThread() throws IOException {
		Grid grid = new Grid(1024, 1024);
		grid.pasteRows(0, Placement.place(PatternReader.parse("x = 3, y = 3\nb2o$2ob$bo!", "r"), 1024, 1024,
				Placement.CENTER));
		Path one = this.directory.resolve("one-coder.gif");
		Path three = this.directory.resolve("three-coders.gif");

		GridImages.Window shownByOne = GridImages.writeFocusedAnimation(one, grid, 100, 100, 1);
		GridImages.Window shownByThree = GridImages.writeFocusedAnimation(three, grid, 100, 100, 3);

		assertThat(shownByThree).isEqualTo(shownByOne);
		assertThat(Files.readAllBytes(three)).isEqualTo(Files.readAllBytes(one));
		try (ImageInputStream in = ImageIO.createImageInputStream(three.toFile())) {
			ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
			reader.setInput(in);
			assertThat(reader.getNumImages(true)).isEqualTo(100);
		}
	}

	@Test
	void anAnimationClosedUnfinishedStopsItsCodersAndLeavesNoFile() throws Exception {
		Path file = this.directory.resolve("unfinished.gif");
		Set<Thread> before = Thread.getAllStackTraces().keySet();
		try (GifAnimation gif = new GifAnimation(file, 64, 64, GridImages.Window.whole(new Grid(64, 64)), 100, 2)) {
			for (int i = 0; i < 10; i++) {
				gif.add(new Grid(64, 64));
			}
		}
		assertThat(file).doesNotExist();
		Await.until("the coding threads ending", Duration.ofSeconds(10),
				() -> Thread.getAllStackTraces().keySet().stream()
					.filter((thread) -> !before.contains(thread))
					.noneMatch((thread) -> thread.getName().startsWith("gif-coder-")));
	}

	@Test
	void anAnimationOfASmallPatternOnALargeTorusShowsItsLiveAreaTheSameBytesEachTime() throws IOException {
		Grid grid = new Grid(1024, 1024);
		grid.pasteRows(0, Placement.place(PatternReader.parse("x = 3, y = 3\nb2o$2ob$bo!", "r"), 1024, 1024,
				Placement.CENTER));
		GridImages.Window area = GridImages.liveAreaOfAnimation(grid, 100);
		Grid generation99 = BitKernel.advance(grid, 99);
		GridImages.Window window = GridImages.focus(grid, area, GridImages.MAX_GIF_SIDE);
		Path first = this.directory.resolve("first.gif");
		Path second = this.directory.resolve("second.gif");

		GridImages.writeAnimation(first, grid, window, 100, 100);
		GridImages.writeAnimation(second, grid, window, 100, 100);

		assertThat(area.union(GridImages.liveArea(generation99))).isEqualTo(area);
		assertThat(area.union(GridImages.liveArea(grid))).isEqualTo(area);
		assertThat(window.width()).isLessThan(100);
		assertThat(Files.readAllBytes(first)).isEqualTo(Files.readAllBytes(second));
		try (ImageInputStream in = ImageIO.createImageInputStream(first.toFile())) {
			ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
			reader.setInput(in);
			int p = GridImages.Scale.of(window.width(), window.height(), GridImages.MAX_GIF_SIDE).pixelsPerCell();
			assertThat(p).isGreaterThanOrEqualTo(5);
			BufferedImage last = reader.read(99);
			for (int row = window.row(); row < window.row() + window.height(); row++) {
				for (int col = window.col(); col < window.col() + window.width(); col++) {
					assertThat(last.getRGB((col - window.col()) * p + p / 2, (row - window.row()) * p + p / 2))
						.as("generation 99, cell (%d, %d)", row, col)
						.isEqualTo(generation99.get(row, col) ? ALIVE : DEAD);
				}
			}
			reader.dispose();
		}
	}

}
