package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.GalleryName;
import dev.fanout.jobs.images.http.ImageFetcher;
import dev.fanout.jobs.images.http.ImageSource;

/**
 * Reads the run's images in order and runs the side-effect-free stages of their pipeline ahead of it: each image's
 * download on {@code downloadThreads} threads of its own, then its resize (and naming) on {@code resizeThreads} more,
 * in the order of the list. Neither has side effects, so both may run ahead across chunk boundaries: while the last
 * items of one chunk are uploaded and the chunk is committed, the next chunk's images are already downloading and
 * resizing, and the boundary stalls neither stage. What a chunk waits for at its end is then only its last uploads, as
 * in the book's queues, instead of a burst of resizes of images that were downloaded during the chunk before. Images
 * are started at most one chunk ahead of the next item (bounded memory: each holds its encoded source until resized,
 * then only its resized image).
 * <p>
 * The position saved at each commit is the number of items handed out; Spring Batch 6 reads on the step's thread
 * only, so the fields below are confined to that thread (the stages publish their results through the futures).
 */
class PrefetchingReader implements ItemStreamReader<PendingImage> {

	static final String READ = "images.read";

	/** How many images the source lists: the total of the job's progress. */
	static final String TOTAL = "images.total";

	private final ImagesParameters parameters;

	private final Path dataDir;

	private final Path workDirectory;

	private final ImageFetcher fetcher;

	private final ImageResizer resizer;

	private final int chunkSize;

	private final Deque<PendingImage> started = new ArrayDeque<>();

	private List<ImageSource> sources = List.of();

	private int next;

	private int uncertainBelow;

	private @Nullable ExecutorService downloads;

	private @Nullable ExecutorService resizes;

	PrefetchingReader(ImagesParameters parameters, Path dataDir, Path workDirectory, ImageFetcher fetcher,
			ImageResizer resizer, int chunkSize) {
		this.parameters = parameters;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
		this.fetcher = fetcher;
		this.resizer = resizer;
		this.chunkSize = chunkSize;
	}

	@Override
	public void open(ExecutionContext context) {
		boolean earlierAttempt = SourceList.saved(this.workDirectory);
		try {
			this.sources = SourceList.loadOrCreate(this.parameters.source(), this.parameters.sources(), this.dataDir,
					this.workDirectory);
		}
		catch (IOException ex) {
			throw new ItemStreamException(
					"cannot list the images of " + this.parameters.source() + ": " + ex.getMessage(), ex);
		}
		this.next = context.getInt(READ, 0);
		// An attempt that died may have uploaded the items of the chunk it was working on, past the committed
		// position: those are checked against the gallery before uploading again.
		this.uncertainBelow = earlierAttempt ? this.next + this.chunkSize : 0;
		this.downloads = Executors.newFixedThreadPool(this.parameters.downloadThreads(),
				Thread.ofPlatform().name("images-download-", 1).daemon().factory());
		this.resizes = Executors.newFixedThreadPool(this.parameters.resizeThreads(),
				Thread.ofPlatform().name("images-resize-", 1).daemon().factory());
	}

	@Override
	public @Nullable PendingImage read() {
		startImages();
		PendingImage image = this.started.poll();
		if (image != null) {
			this.next++;
			startImages();
		}
		return image;
	}

	private void startImages() {
		Latencies latencies = this.parameters.latencies();
		int end = Math.min(this.sources.size(), this.next + this.chunkSize);
		for (int index = this.next + this.started.size(); index < end; index++) {
			ImageSource image = this.sources.get(index);
			CompletableFuture<PreparedImage> prepared = CompletableFuture
				.supplyAsync(stage(() -> Latencies.atLeast(latencies.download(), () -> this.fetcher.fetch(image))),
						this.downloads)
				.thenApplyAsync((source) -> stage(() -> Latencies.atLeast(latencies.resize(), () -> prepare(source)))
					.get(), this.resizes);
			this.started.add(new PendingImage(image, prepared, index < this.uncertainBelow));
		}
	}

	/** The resize stage's work: the image resized, and named by its source's content and its output. */
	private PreparedImage prepare(byte[] source) throws Exception {
		ResizedImage resized = this.resizer.resize(source);
		return new PreparedImage(GalleryName.of(source, resized.size(), resized.format()), resized);
	}

	/** A stage's work as a future's task: its failure becomes the cause that the future's {@code get} throws. */
	private static <T> Supplier<T> stage(Callable<T> work) {
		return () -> {
			try {
				return work.call();
			}
			catch (RuntimeException ex) {
				throw ex;
			}
			catch (Exception ex) {
				throw new CompletionException(ex);
			}
		};
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(READ, this.next);
		context.putInt(TOTAL, this.sources.size());
	}

	@Override
	public void close() {
		// Unfinished downloads and resizes have no side effects: dropping them loses nothing.
		if (this.downloads != null) {
			this.downloads.shutdownNow();
			this.downloads = null;
		}
		if (this.resizes != null) {
			this.resizes.shutdownNow();
			this.resizes = null;
		}
		this.fetcher.close();
		this.started.clear();
	}

	int size() {
		return this.sources.size();
	}

}
