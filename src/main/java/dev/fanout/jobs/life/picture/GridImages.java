package dev.fanout.jobs.life.picture;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Path;

import org.jspecify.annotations.Nullable;

import dev.fanout.jobs.life.grid.BitKernel;
import dev.fanout.jobs.life.grid.Grid;

/**
 * Pictures of grids with the JDK alone: a PNG of one generation and an animated GIF of the first ones. Images are
 * one bit per pixel (live cells dark), so memory is bounded by the image size, whatever the grid's.
 * <p>
 * Small grids get {@link Scale#pixelsPerCell()} pixels per cell (at most {@value #MAX_PIXELS_PER_CELL}); grids wider
 * or higher than the image's limit are shrunk: a pixel covers {@link Scale#cellsPerPixel()} × cellsPerPixel cells and
 * is dark if any of them is alive, so a lone glider stays visible.
 * <p>
 * An image may show a {@link Window} of the grid instead of all of it: {@link #focus} picks the live area with a
 * margin when that shows the cells larger, so a small pattern on a large torus is not a speck.
 */
public final class GridImages {

	public static final int MAX_PNG_SIDE = 1024;

	public static final int MAX_GIF_SIDE = 512;

	public static final int MAX_GIF_FRAMES = 100;

	public static final int MAX_PIXELS_PER_CELL = 16;

	/** Dead cells white, live ones dark: RGB triples, pixel 0 then pixel 1. */
	private static final byte[] PALETTE = { (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x20, 0x20, 0x30 };

	private GridImages() {
	}

	/**
	 * How a {@code width × height} grid maps to an image of at most {@code maxSide} pixels a side: either
	 * {@code pixelsPerCell} ≥ 1 and {@code cellsPerPixel} = 1, or the other way round.
	 */
	public record Scale(int pixelsPerCell, int cellsPerPixel, int imageWidth, int imageHeight) {

		public static Scale of(int width, int height, int maxSide) {
			int longest = Math.max(width, height);
			if (longest <= maxSide) {
				int pixels = Math.max(1, Math.min(MAX_PIXELS_PER_CELL, maxSide / longest));
				return new Scale(pixels, 1, width * pixels, height * pixels);
			}
			int cells = (int) ((longest + (long) maxSide - 1) / maxSide);
			return new Scale(1, cells, (int) ((width + (long) cells - 1) / cells),
					(int) ((height + (long) cells - 1) / cells));
		}

	}

	/**
	 * A rectangle of a grid's cells, what an image shows: columns {@code col} to {@code col + width - 1}, rows
	 * {@code row} to {@code row + height - 1} (it does not wrap around the torus).
	 */
	public record Window(int col, int row, int width, int height) {

		public static Window whole(Grid grid) {
			return new Window(0, 0, grid.width(), grid.height());
		}

		public boolean isWhole(Grid grid) {
			return this.equals(whole(grid));
		}

		/** The smallest window holding both. */
		public Window union(Window other) {
			int col = Math.min(this.col, other.col);
			int row = Math.min(this.row, other.row);
			return new Window(col, row, Math.max(this.col + this.width, other.col + other.width) - col,
					Math.max(this.row + this.height, other.row + other.height) - row);
		}

		/** {@code margin} more cells on every side, within the grid. */
		public Window grow(int margin, Grid grid) {
			int col = Math.max(0, this.col - margin);
			int row = Math.max(0, this.row - margin);
			return new Window(col, row, Math.min(grid.width(), this.col + this.width + margin) - col,
					Math.min(grid.height(), this.row + this.height + margin) - row);
		}

		/** The same window moved by {@code columns} and {@code rows}. */
		public Window translate(int columns, int rows) {
			return new Window(this.col + columns, this.row + rows, this.width, this.height);
		}

		/** "columns 480-560, rows 490-545", as people count them: from 0, both ends included. */
		public String describe() {
			return "columns %d-%d, rows %d-%d".formatted(this.col, this.col + this.width - 1, this.row,
					this.row + this.height - 1);
		}

	}

	/** Cells of margin around the live area when an image is cropped to it. */
	public static final int MARGIN = 8;

	/**
	 * The smallest window holding every live cell, or {@code null} when none is alive. Cost: one pass over the
	 * grid's words (a live area wrapping around the torus's edge comes out as wide as the grid).
	 */
	public static @Nullable Window liveArea(Grid grid) {
		return liveArea(grid, Window.whole(grid));
	}

	/** The smallest window holding every live cell inside {@code within}, or {@code null} when none is alive there. */
	public static @Nullable Window liveArea(Grid grid, Window within) {
		int wpr = grid.wordsPerRow();
		long[] words = grid.words();
		int firstWord = within.col() >>> 6;
		int lastWord = (within.col() + within.width() - 1) >>> 6;
		long[] columns = new long[wpr];
		int top = -1;
		int bottom = -1;
		for (int row = within.row(); row < within.row() + within.height(); row++) {
			long any = 0;
			for (int w = firstWord; w <= lastWord; w++) {
				long word = words[row * wpr + w] & mask(w, within);
				columns[w] |= word;
				any |= word;
			}
			if (any != 0) {
				top = (top < 0) ? row : top;
				bottom = row;
			}
		}
		if (top < 0) {
			return null;
		}
		int left = nextSetBit(columns, within.col());
		int right = left;
		for (int w = lastWord; w >= firstWord; w--) {
			if (columns[w] != 0) {
				right = (w << 6) + 63 - Long.numberOfLeadingZeros(columns[w]);
				break;
			}
		}
		return new Window(left, top, right - left + 1, bottom - top + 1);
	}

	/** Live cells inside a window. */
	public static long population(Grid grid, Window window) {
		int wpr = grid.wordsPerRow();
		long[] words = grid.words();
		long count = 0;
		for (int row = window.row(); row < window.row() + window.height(); row++) {
			for (int w = window.col() >>> 6; w <= (window.col() + window.width() - 1) >>> 6; w++) {
				count += Long.bitCount(words[row * wpr + w] & mask(w, window));
			}
		}
		return count;
	}

	/** The bits of word {@code w} of a row that are columns of the window. */
	private static long mask(int w, Window window) {
		int from = Math.max(0, window.col() - (w << 6));
		int to = Math.min(64, window.col() + window.width() - (w << 6)); // exclusive
		long high = (to == 64) ? -1L : (1L << to) - 1;
		return high & (-1L << from);
	}

	/**
	 * What an image of at most {@code maxSide} pixels a side should show: the live area (or {@code live}, e.g. the
	 * union of several generations' ones) with a margin of {@value #MARGIN} cells when that shows the cells larger
	 * than the whole grid would, else the whole grid.
	 */
	public static Window focus(Grid grid, @Nullable Window live, int maxSide) {
		Window whole = Window.whole(grid);
		if (live == null) {
			return whole;
		}
		Window grown = live.grow(MARGIN, grid);
		return (detail(grown, maxSide) > detail(whole, maxSide)) ? grown : whole;
	}

	/** Pixels per cell (below 1 when shrunk). */
	private static double detail(Window window, int maxSide) {
		Scale scale = Scale.of(window.width(), window.height(), maxSide);
		return scale.pixelsPerCell() / (double) scale.cellsPerPixel();
	}

	/** The grid as a two-colour image of at most {@code maxSide} pixels a side. */
	public static BufferedImage render(Grid grid, int maxSide) {
		return render(grid, Window.whole(grid), maxSide);
	}

	/** A window of the grid as a two-colour image of at most {@code maxSide} pixels a side. */
	public static BufferedImage render(Grid grid, Window window, int maxSide) {
		Bitmap bitmap = bitmap(grid, window, maxSide);
		IndexColorModel colors = new IndexColorModel(1, 2, new byte[] { PALETTE[0], PALETTE[3] },
				new byte[] { PALETTE[1], PALETTE[4] }, new byte[] { PALETTE[2], PALETTE[5] });
		DataBufferByte data = new DataBufferByte(bitmap.bits(), bitmap.bits().length);
		return new BufferedImage(colors, Raster.createPackedRaster(data, bitmap.width(), bitmap.height(), 1, null),
				false, null);
	}

	private static Bitmap bitmap(Grid grid, Window window, int maxSide) {
		Scale scale = Scale.of(window.width(), window.height(), maxSide);
		Bitmap bitmap = new Bitmap(scale.imageWidth(), scale.imageHeight());
		draw(grid, window, scale, bitmap);
		return bitmap;
	}

	/** Draws a window onto a bitmap of the scale's size, which must be all dead (0) pixels. */
	static void draw(Grid grid, Window window, Scale scale, Bitmap bitmap) {
		if (scale.cellsPerPixel() == 1) {
			drawScaledUp(grid, window, scale.pixelsPerCell(), bitmap);
		}
		else {
			drawShrunk(grid, window, scale.cellsPerPixel(), bitmap);
		}
	}

	/** Visits live cells only: the cost is the rows' words plus the population. */
	private static void drawScaledUp(Grid grid, Window window, int p, Bitmap bitmap) {
		int end = window.col() + window.width();
		for (int row = window.row(); row < window.row() + window.height(); row++) {
			int top = (row - window.row()) * p;
			for (int col = grid.nextAlive(row, window.col()); col < end; col = grid.nextAlive(row, col + 1)) {
				int left = (col - window.col()) * p;
				for (int y = top; y < top + p; y++) {
					bitmap.setRun(left, y, p);
				}
			}
		}
	}

	/**
	 * ORs the rows of each band of {@code c} rows into one row, then marks each block of {@code c} columns with a live
	 * cell once, skipping to the next block: the cost is the grid's words plus the pixels, not the population.
	 */
	private static void drawShrunk(Grid grid, Window window, int c, Bitmap bitmap) {
		int wpr = grid.wordsPerRow();
		long[] words = grid.words();
		long[] merged = new long[wpr];
		int left = window.col();
		int end = left + window.width();
		int bottom = window.row() + window.height();
		for (int y = 0; y < bitmap.height(); y++) {
			java.util.Arrays.fill(merged, 0L);
			for (int row = window.row() + y * c; row < Math.min(bottom, window.row() + (y + 1) * c); row++) {
				for (int w = 0; w < wpr; w++) {
					merged[w] |= words[row * wpr + w];
				}
			}
			for (int col = nextSetBit(merged, left); col >= 0 && col < end;
					col = nextSetBit(merged, left + ((col - left) / c + 1) * c)) {
				bitmap.set((col - left) / c, y);
			}
		}
	}

	/** The first set bit at or after {@code from}, or -1. */
	private static int nextSetBit(long[] words, int from) {
		int index = from >>> 6;
		if (index >= words.length) {
			return -1;
		}
		long word = words[index] & (-1L << from);
		while (word == 0) {
			if (++index == words.length) {
				return -1;
			}
			word = words[index];
		}
		return (index << 6) + Long.numberOfTrailingZeros(word);
	}

	/** Writes a PNG of the grid, at most {@value #MAX_PNG_SIDE} pixels a side, atomically. */
	public static void writePng(Path file, Grid grid) throws IOException {
		writePng(file, grid, Window.whole(grid));
	}

	/** Writes a PNG of a window of the grid, at most {@value #MAX_PNG_SIDE} pixels a side, atomically. */
	public static void writePng(Path file, Grid grid, Window window) throws IOException {
		PngFile.write(file, bitmap(grid, window, MAX_PNG_SIDE), PALETTE);
	}

	/**
	 * Writes an animated GIF of {@code start} and the generations after it, {@code frames} in all but at most
	 * {@value #MAX_GIF_FRAMES}, computing them with {@link BitKernel} (two grids in memory besides the image).
	 * @return the frames written
	 */
	public static int writeAnimation(Path file, Grid start, int frames, int delayMillis) throws IOException {
		return writeAnimation(file, start, Window.whole(start), frames, delayMillis);
	}

	/** Like {@link #writeAnimation(Path, Grid, int, int)}, showing a window of the grid. */
	public static int writeAnimation(Path file, Grid start, Window window, int frames, int delayMillis)
			throws IOException {
		return writeAnimation(file, start, window, frames, delayMillis, 1);
	}

	/** Like {@link #writeAnimation(Path, Grid, Window, int, int)}, its frames coded on {@code coders} threads. */
	public static int writeAnimation(Path file, Grid start, Window window, int frames, int delayMillis, int coders)
			throws IOException {
		if (frames < 1) {
			throw new IllegalArgumentException("an animation needs at least one frame, not " + frames);
		}
		int count = Math.min(frames, MAX_GIF_FRAMES);
		try (GifAnimation gif = new GifAnimation(file, start.width(), start.height(), window, delayMillis, coders)) {
			Grid current = start.copy();
			Grid next = new Grid(start.width(), start.height());
			for (int i = 0; i < count; i++) {
				if (Thread.currentThread().isInterrupted()) {
					// A drawing beside the generations whose execution ended (LifeAnimations): give up, no file.
					throw new InterruptedIOException("interrupted while drawing an animation");
				}
				gif.add(current);
				if (i + 1 < count) {
					BitKernel.step(current, next);
					Grid swap = current;
					current = next;
					next = swap;
				}
			}
			gif.finish();
			return gif.frames();
		}
	}

	/**
	 * Writes the animation of {@code start} and the generations after it ({@code frames} in all, at most
	 * {@value #MAX_GIF_FRAMES}), showing the live area of those generations with a margin when that shows the cells
	 * larger than the whole grid would ({@link #focus}), else the whole grid.
	 * <p>
	 * A pattern grows at most a cell a generation: when even that bound allows no crop (a grid filled at random, say),
	 * the generations are computed once. Else they stay within {@code frames - 1} cells of the first one's live cells,
	 * and the window within {@value #MARGIN} more; when that part of the torus, with a dead border, does not reach its
	 * edges, the generations of that part alone are the same cells (nothing outside it comes near), so only it is
	 * computed, twice (for the window, then for the frames): on a large torus a small fraction of the whole.
	 * @return the window shown
	 */
	public static Window writeFocusedAnimation(Path file, Grid start, int frames, int delayMillis) throws IOException {
		return writeFocusedAnimation(file, start, frames, delayMillis, 1);
	}

	/** Like {@link #writeFocusedAnimation(Path, Grid, int, int)}, its frames coded on {@code coders} threads. */
	public static Window writeFocusedAnimation(Path file, Grid start, int frames, int delayMillis, int coders)
			throws IOException {
		if (frames < 1) {
			throw new IllegalArgumentException("an animation needs at least one frame, not " + frames);
		}
		Window whole = Window.whole(start);
		Window live = liveArea(start);
		int reach = Math.min(frames, MAX_GIF_FRAMES) - 1;
		if (live == null || focus(start, live.grow(reach, start), MAX_GIF_SIDE).isWhole(start)) {
			writeAnimation(file, start, whole, frames, delayMillis, coders);
			return whole;
		}
		int border = reach + MARGIN + 1;
		if (live.col() < border || live.row() < border || live.col() + live.width() + border > start.width()
				|| live.row() + live.height() + border > start.height()) {
			Window shown = focus(start, liveAreaOfAnimation(start, frames), MAX_GIF_SIDE);
			writeAnimation(file, start, shown, frames, delayMillis, coders);
			return shown;
		}
		Window part = new Window(live.col() - border, live.row() - border, live.width() + 2 * border,
				live.height() + 2 * border);
		Grid alone = start.copyWindow(part.col(), part.row(), part.width(), part.height());
		Window shown = focus(start, liveAreaOfAnimation(alone, frames).translate(part.col(), part.row()),
				MAX_GIF_SIDE);
		writeAnimation(file, alone, shown.translate(-part.col(), -part.row()), frames, delayMillis, coders);
		return shown;
	}

	/**
	 * The union of the live areas of {@code start} and the generations after it, {@code frames} in all but at most
	 * {@value #MAX_GIF_FRAMES}: what an animation of them should focus on. Computes those generations once more
	 * (two grids in memory), so only worth it when a crop is possible: the caller checks the light cone first.
	 */
	public static @Nullable Window liveAreaOfAnimation(Grid start, int frames) {
		int count = Math.min(frames, MAX_GIF_FRAMES);
		Grid current = start.copy();
		Grid next = new Grid(start.width(), start.height());
		Window area = null;
		for (int i = 0; i < count && (i == 0 || !Thread.currentThread().isInterrupted()); i++) {
			// Interrupted: the drawing that asks is given up (writeAnimation throws), so the rest of its area is not
			// worth computing.
			Window live = liveArea(current);
			area = (area == null) ? live : (live == null) ? area : area.union(live);
			if (i + 1 < count) {
				BitKernel.step(current, next);
				Grid swap = current;
				current = next;
				next = swap;
			}
		}
		return area;
	}

	static byte[] palette() {
		return PALETTE.clone();
	}

}
