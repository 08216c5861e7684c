package dev.fanout.life;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.awt.image.WritableRaster;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.file.Path;

import javax.imageio.ImageIO;

import dev.fanout.system.AtomicFiles;

/**
 * Pictures of grids with the JDK alone: a PNG of one generation and an animated GIF of the first ones. Images are
 * one bit per pixel (live cells dark), so memory is bounded by the image size, whatever the grid's.
 * <p>
 * Small grids get {@link Scale#pixelsPerCell()} pixels per cell (at most {@value #MAX_PIXELS_PER_CELL}); grids wider
 * or higher than the image's limit are shrunk: a pixel covers {@link Scale#cellsPerPixel()} × cellsPerPixel cells and
 * is dark if any of them is alive, so a lone glider stays visible.
 */
public final class GridImages {

	public static final int MAX_PNG_SIDE = 1024;

	public static final int MAX_GIF_SIDE = 512;

	public static final int MAX_GIF_FRAMES = 100;

	public static final int MAX_PIXELS_PER_CELL = 16;

	private static final IndexColorModel COLORS = new IndexColorModel(1, 2, new byte[] { (byte) 0xff, 0x20 },
			new byte[] { (byte) 0xff, 0x20 }, new byte[] { (byte) 0xff, 0x30 });

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

	/** The grid as a two-colour image of at most {@code maxSide} pixels a side. */
	public static BufferedImage render(Grid grid, int maxSide) {
		Scale scale = Scale.of(grid.width(), grid.height(), maxSide);
		BufferedImage image = new BufferedImage(scale.imageWidth(), scale.imageHeight(),
				BufferedImage.TYPE_BYTE_BINARY, COLORS);
		draw(grid, scale, image.getRaster());
		return image;
	}

	/** Draws onto a raster of the scale's size, which must be all dead (0) pixels. */
	static void draw(Grid grid, Scale scale, WritableRaster raster) {
		if (scale.cellsPerPixel() == 1) {
			drawScaledUp(grid, scale.pixelsPerCell(), raster);
		}
		else {
			drawShrunk(grid, scale.cellsPerPixel(), raster);
		}
	}

	/** Visits live cells only: the cost is the rows' words plus the population. */
	private static void drawScaledUp(Grid grid, int p, WritableRaster raster) {
		for (int row = 0; row < grid.height(); row++) {
			for (int col = grid.nextAlive(row, 0); col < grid.width(); col = grid.nextAlive(row, col + 1)) {
				for (int y = row * p; y < (row + 1) * p; y++) {
					for (int x = col * p; x < (col + 1) * p; x++) {
						raster.setSample(x, y, 0, 1);
					}
				}
			}
		}
	}

	/**
	 * ORs the rows of each band of {@code c} rows into one row, then marks each block of {@code c} columns with a live
	 * cell once, skipping to the next block: the cost is the grid's words plus the pixels, not the population.
	 */
	private static void drawShrunk(Grid grid, int c, WritableRaster raster) {
		int wpr = grid.wordsPerRow();
		long[] words = grid.words();
		long[] merged = new long[wpr];
		for (int y = 0; y < raster.getHeight(); y++) {
			java.util.Arrays.fill(merged, 0L);
			for (int row = y * c; row < Math.min(grid.height(), (y + 1) * c); row++) {
				for (int w = 0; w < wpr; w++) {
					merged[w] |= words[row * wpr + w];
				}
			}
			for (int col = nextSetBit(merged, 0); col >= 0; col = nextSetBit(merged, (col / c + 1) * c)) {
				raster.setSample(col / c, y, 0, 1);
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
		BufferedImage image = render(grid, MAX_PNG_SIDE);
		AtomicFiles.writeBytes(file, channel -> {
			OutputStream out = Channels.newOutputStream(channel);
			if (!ImageIO.write(image, "png", out)) {
				throw new IOException("this JDK has no PNG writer");
			}
			out.flush();
		});
	}

	/**
	 * Writes an animated GIF of {@code start} and the generations after it, {@code frames} in all but at most
	 * {@value #MAX_GIF_FRAMES}, computing them with {@link BitKernel} (two grids in memory besides the image).
	 * @return the frames written
	 */
	public static int writeAnimation(Path file, Grid start, int frames, int delayMillis) throws IOException {
		if (frames < 1) {
			throw new IllegalArgumentException("an animation needs at least one frame, not " + frames);
		}
		int count = Math.min(frames, MAX_GIF_FRAMES);
		try (GifAnimation gif = new GifAnimation(file, start.width(), start.height(), delayMillis)) {
			Grid current = start.copy();
			Grid next = new Grid(start.width(), start.height());
			for (int i = 0; i < count; i++) {
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

	static IndexColorModel colors() {
		return COLORS;
	}

}
