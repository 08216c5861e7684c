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
import java.util.function.Consumer;
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
 * <p>
 * Saved with it is the end of the items that an attempt may have uploaded without committing ({@value #UNCERTAIN}):
 * those of the chunk after the position, which the chunk size of the attempt that worked on it bounds, not that of
 * the restart (the setting may have changed), and those an earlier attempt left uncertain. It is saved when the step
 * opens too, before this attempt's first chunk, so that an attempt killed before its first commit leaves it right.
 */
class PrefetchingReader implements ItemStreamReader<PendingImage> {

	static final String READ = "images.read";

	/** How many images the source lists: the total of the job's progress. */
	static final String TOTAL = "images.total";

	/** Items from here on cannot have been uploaded by an attempt that died: the end of the uncertain ones. */
	static final String UNCERTAIN = "images.uncertain-below";

	private final ImagesParameters parameters;

	private final Path dataDir;

	private final Path workDirectory;

	private final ImageFetcher fetcher;

	private final ImageResizer resizer;

	private final int chunkSize;

	private final Consumer<ExecutionContext> saveContext;

	private final Deque<PendingImage> started = new ArrayDeque<>();

	/**
	 * The stages' results of the images started, handed out or not, in list order, from the oldest that had not come
	 * when last looked at: {@link #close} ends those still to come, as the executors it shuts down drop the stages
	 * still queued. Results come about in order, and a chunk does not end before its own have come, so this holds
	 * about two chunks at most.
	 */
	private final Deque<CompletableFuture<PreparedImage>> preparing = new ArrayDeque<>();

	private List<ImageSource> sources = List.of();

	private int next;

	private int uncertainBelow;

	private @Nullable ExecutorService downloads;

	private @Nullable ExecutorService resizes;

	/**
	 * @param chunkSize the step's chunk size: how many items a chunk hands to the uploads before it commits
	 * @param saveContext saves the step's context in the repository at once (when it opens, before any upload)
	 */
	PrefetchingReader(ImagesParameters parameters, Path dataDir, Path workDirectory, ImageFetcher fetcher,
			ImageResizer resizer, int chunkSize, Consumer<ExecutionContext> saveContext) {
		this.parameters = parameters;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
		this.fetcher = fetcher;
		this.resizer = resizer;
		this.chunkSize = chunkSize;
		this.saveContext = saveContext;
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
		// position: those are checked against the gallery before uploading again. Its own chunk size bounds them
		// (saved as UNCERTAIN); a context saved before that was recorded has only this attempt's to go by.
		this.uncertainBelow = earlierAttempt ? context.getInt(UNCERTAIN, this.next + this.chunkSize) : 0;
		context.putInt(UNCERTAIN, uncertainAfterCommit());
		this.saveContext.accept(context);
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
		while (!this.preparing.isEmpty() && this.preparing.peekFirst().isDone()) {
			this.preparing.pollFirst();
		}
		for (int index = this.next + this.started.size(); index < end; index++) {
			ImageSource image = this.sources.get(index);
			CompletableFuture<PreparedImage> prepared = CompletableFuture
				.supplyAsync(stage(() -> Latencies.atLeast(latencies.download(), () -> this.fetcher.fetch(image))),
						this.downloads)
				.thenApplyAsync((source) -> stage(() -> Latencies.atLeast(latencies.resize(), () -> prepare(source)))
					.get(), this.resizes);
			this.preparing.add(prepared);
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
		context.putInt(UNCERTAIN, uncertainAfterCommit());
	}

	/**
	 * The end of the items uploaded without a commit if this attempt dies after committing its position: the next
	 * chunk's, or an earlier attempt's uncertain ones that reach further.
	 */
	private int uncertainAfterCommit() {
		return Math.max(this.uncertainBelow, this.next + this.chunkSize);
	}

	@Override
	public void close() {
		// Unfinished downloads and resizes have no side effects: dropping them loses nothing. But an item handed out
		// may still be waited for: when a chunk fails, Spring Batch abandons the processors of its other items, each
		// blocked on its image. shutdownNow drops the stages still queued without ending their futures, and those
		// processors' virtual threads waited for ever (one per image of the chunk, in a server, at every failed run).
		// Ended here, cancelled, they give up.
		this.preparing.forEach((prepared) -> prepared.cancel(false));
		this.preparing.clear();
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
