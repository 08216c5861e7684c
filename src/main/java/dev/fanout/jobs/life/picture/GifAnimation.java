package dev.fanout.jobs.life.picture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.grid.Grid;

/**
 * An animated GIF written a frame at a time (one frame's bitmap in memory), looping forever, with
 * {@value GridImages#MAX_GIF_FRAMES} frames at most and at most {@value GridImages#MAX_GIF_SIDE} pixels a side.
 * The file appears when {@link #finish()} is called; closing without finishing leaves no file.
 */
public final class GifAnimation implements AutoCloseable {

	private final AtomicFiles.Pending file;

	private final OutputStream out;

	private final GifEncoder encoder;

	private final GridImages.Scale scale;

	private final GridImages.Window window;

	private final int width;

	private final int height;

	private final int delayCentiseconds;

	private final Bitmap image;

	private int frames;

	private boolean finished;

	public GifAnimation(Path target, int gridWidth, int gridHeight, int delayMillis) throws IOException {
		this(target, gridWidth, gridHeight, new GridImages.Window(0, 0, gridWidth, gridHeight), delayMillis);
	}

	/** An animation showing a window of the grids (cells outside it are not drawn). */
	public GifAnimation(Path target, int gridWidth, int gridHeight, GridImages.Window window, int delayMillis)
			throws IOException {
		if (delayMillis < 0) {
			throw new IllegalArgumentException("a frame delay cannot be negative: " + delayMillis + " ms");
		}
		Grid.checkSize(gridWidth, gridHeight);
		this.width = gridWidth;
		this.height = gridHeight;
		if (window.col() < 0 || window.row() < 0 || window.width() < 1 || window.height() < 1
				|| window.col() + window.width() > gridWidth || window.row() + window.height() > gridHeight) {
			throw new IllegalArgumentException("window %s is not inside a %d×%d grid".formatted(window, gridWidth,
					gridHeight));
		}
		this.window = window;
		this.scale = GridImages.Scale.of(window.width(), window.height(), GridImages.MAX_GIF_SIDE);
		// GIF delays are in hundredths of a second.
		this.delayCentiseconds = Math.min(65535, (delayMillis + 5) / 10);
		this.image = new Bitmap(this.scale.imageWidth(), this.scale.imageHeight());
		this.file = AtomicFiles.begin(target);
		try {
			this.out = new BufferedOutputStream(Files.newOutputStream(this.file.temporary()), 1 << 16);
			this.encoder = new GifEncoder(this.out, this.image.width(), this.image.height(), GridImages.palette());
		}
		catch (IOException | RuntimeException ex) {
			this.file.close();
			throw ex;
		}
	}

	/** Adds a frame; false (and nothing written) once the frame limit is reached. */
	public boolean add(Grid grid) throws IOException {
		if (grid.width() != this.width || grid.height() != this.height) {
			throw new IllegalArgumentException("a %d×%d animation cannot show a %d×%d grid".formatted(this.width,
					this.height, grid.width(), grid.height()));
		}
		if (this.finished) {
			throw new IllegalStateException("the animation is finished");
		}
		if (this.frames == GridImages.MAX_GIF_FRAMES) {
			return false;
		}
		this.image.clear();
		GridImages.draw(grid, this.window, this.scale, this.image);
		this.encoder.frame(this.image, this.delayCentiseconds);
		this.frames++;
		return true;
	}

	public int frames() {
		return this.frames;
	}

	/** Completes the file and moves it into place. */
	public void finish() throws IOException {
		if (this.frames == 0) {
			throw new IllegalStateException("an animation needs at least one frame");
		}
		this.encoder.finish();
		this.out.close();
		this.file.commit();
		this.finished = true;
	}

	/** Without {@link #finish()}: abandons the file. */
	@Override
	public void close() throws IOException {
		if (!this.finished) {
			try {
				this.out.close();
			}
			finally {
				this.file.close();
			}
		}
	}

}
