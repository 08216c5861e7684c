package dev.fanout.jobs.life.picture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.life.grid.Grid;

/**
 * An animated GIF written a frame at a time (one frame's bitmap in memory, or {@code 2 × coders} below), looping
 * forever, with {@value GridImages#MAX_GIF_FRAMES} frames at most and at most {@value GridImages#MAX_GIF_SIDE} pixels a
 * side. The file appears when {@link #finish()} is called; closing without finishing leaves no file.
 * <p>
 * Coding a frame's pixels is most of the work (up to ~3 ns a pixel, less in runs of one colour), and each frame is
 * coded on its own, so with {@code coders} above 1 the frames are coded on that many threads while the caller draws
 * the next ones, and written in order: the same bytes as with one. At most {@code 2 × coders} frames wait at once.
 * Not thread-safe: one thread adds the frames; the coders' threads see only their own frame's bitmap.
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

	/** Reused frame after frame when coding on the caller's thread; a fresh one per frame otherwise. */
	private final Bitmap image;

	/** The coding threads, or null to code on the caller's thread. */
	private final @Nullable ExecutorService coders;

	private final int maxPending;

	/** Frames being coded, oldest first; only the caller's thread touches the queue. */
	private final Deque<Future<byte[]>> pending = new ArrayDeque<>();

	private int frames;

	private boolean finished;

	public GifAnimation(Path target, int gridWidth, int gridHeight, int delayMillis) throws IOException {
		this(target, gridWidth, gridHeight, new GridImages.Window(0, 0, gridWidth, gridHeight), delayMillis);
	}

	/** An animation showing a window of the grids (cells outside it are not drawn). */
	public GifAnimation(Path target, int gridWidth, int gridHeight, GridImages.Window window, int delayMillis)
			throws IOException {
		this(target, gridWidth, gridHeight, window, delayMillis, 1);
	}

	/** An animation showing a window of the grids, its frames coded on {@code coders} threads. */
	public GifAnimation(Path target, int gridWidth, int gridHeight, GridImages.Window window, int delayMillis,
			int coders) throws IOException {
		if (coders < 1) {
			throw new IllegalArgumentException("an animation needs at least one coding thread, not " + coders);
		}
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
		this.coders = (coders == 1) ? null : Executors.newFixedThreadPool(coders, Thread.ofPlatform()
			.name("gif-coder-", 1)
			.daemon()
			.factory());
		this.maxPending = 2 * coders;
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
		if (this.coders == null) {
			this.image.clear();
			GridImages.draw(grid, this.window, this.scale, this.image);
			this.encoder.frame(this.image, this.delayCentiseconds);
		}
		else {
			Bitmap frame = new Bitmap(this.image.width(), this.image.height());
			GridImages.draw(grid, this.window, this.scale, frame);
			this.pending.add(this.coders.submit(() -> GifEncoder.imageData(frame)));
			if (this.pending.size() >= this.maxPending) {
				writeOldest();
			}
		}
		this.frames++;
		return true;
	}

	private void writeOldest() throws IOException {
		byte[] imageData;
		try {
			imageData = this.pending.remove().get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof RuntimeException runtime) {
				throw runtime;
			}
			throw new IllegalStateException("coding a GIF frame failed", ex.getCause());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new InterruptedIOException("interrupted while coding a GIF frame");
		}
		this.encoder.frame(this.image.width(), this.image.height(), imageData, this.delayCentiseconds);
	}

	public int frames() {
		return this.frames;
	}

	/** Completes the file and moves it into place. */
	public void finish() throws IOException {
		if (this.frames == 0) {
			throw new IllegalStateException("an animation needs at least one frame");
		}
		while (!this.pending.isEmpty()) {
			writeOldest();
		}
		stopCoders();
		this.encoder.finish();
		this.out.close();
		this.file.commit();
		this.finished = true;
	}

	/** Without {@link #finish()}: abandons the file. */
	@Override
	public void close() throws IOException {
		stopCoders();
		if (!this.finished) {
			try {
				this.out.close();
			}
			finally {
				this.file.close();
			}
		}
	}

	private void stopCoders() {
		if (this.coders != null) {
			this.coders.shutdownNow();
		}
	}

}
