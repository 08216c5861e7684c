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
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.Gallery;
import dev.fanout.jobs.images.http.GalleryName;
import dev.fanout.jobs.images.http.ImageFetcher;
import dev.fanout.jobs.images.http.ImageSource;

/**
 * Reads the run's images in order and runs the book's pipeline for them ahead of the chunk: each image's download on
 * {@code downloadThreads} threads of its own, then its resize (and naming) on {@code resizeThreads} more, then its
 * upload on {@code uploadThreads} more, in the order of the list. The chunk hands each item's outcome to the writer
 * and commits; it never holds a stage up. While a chunk's outcomes are written and committed, the next chunk's images
 * are already downloading, resizing and uploading, as in the book's queues, where no stage waits for a commit. Images
 * are started at most one chunk ahead of the next item (bounded memory: each holds its encoded source until resized,
 * then its resized image until uploaded).
 * <p>
 * Running uploads ahead of the commit is safe because an image's gallery name is its content's: an upload done twice
 * writes the same image under the same name. What a restart must know, so as not to upload again what a dead attempt
 * did upload, is which items that attempt may have uploaded past its last commit: those of the chunk it was working
 * on and of the one after it, which the chunk size of the attempt that worked on them bounds, not that of the restart
 * (the setting may have changed), and those an earlier attempt left uncertain. That end ({@value #UNCERTAIN}) is saved
 * at each commit and when the step opens, before this attempt's first upload; the upload stage looks those items up
 * in the gallery first.
 * <p>
 * Thread safety: Spring Batch 6 reads on the step's thread only, and opens, updates and closes the reader there, so
 * the fields below are confined to that thread; the stages' threads share only the futures, through which they
 * publish their results, and the gallery and fetcher, which are thread-safe.
 */
class PipelineReader implements ItemStreamReader<PendingImage> {

	private static final Logger logger = LoggerFactory.getLogger(PipelineReader.class);

	static final String READ = "images.read";

	/** How many images the source lists: the total of the job's progress. */
	static final String TOTAL = "images.total";

	/** Items from here on cannot have been uploaded by an attempt that died: the end of the uncertain ones. */
	static final String UNCERTAIN = "images.uncertain-below";

	/** How long closing waits for the uploads under way, so that none is still writing when the step ends. */
	private static final long UPLOADS_ENDING_SECONDS = 60;

	private final ImagesParameters parameters;

	private final Path dataDir;

	private final Path workDirectory;

	private final ImageFetcher fetcher;

	private final ImageResizer resizer;

	private final Gallery gallery;

	private final int chunkSize;

	private final Consumer<ExecutionContext> saveContext;

	/** Completed once the list and the context are saved: no upload starts before (a restart must know of it). */
	private final CompletableFuture<Void> saved = new CompletableFuture<>();

	private final Deque<PendingImage> started = new ArrayDeque<>();

	/**
	 * The outcomes of the images started, handed out or not, in list order, from the oldest that had not come when
	 * last looked at: {@link #close} ends those still to come, as the executors it shuts down drop the stages still
	 * queued. Outcomes come about in order, and a chunk does not end before its own have come, so this holds about two
	 * chunks at most.
	 */
	private final Deque<CompletableFuture<ImageOutcome>> underway = new ArrayDeque<>();

	private List<ImageSource> sources = List.of();

	private int next;

	private int uncertainBelow;

	private @Nullable ExecutorService downloads;

	private @Nullable ExecutorService resizes;

	private @Nullable ExecutorService uploads;

	/**
	 * @param chunkSize the step's chunk size: how many items a chunk hands to the writer before it commits
	 * @param saveContext saves the step's context in the repository at once (when it opens, before any upload)
	 */
	PipelineReader(ImagesParameters parameters, Path dataDir, Path workDirectory, ImageFetcher fetcher,
			ImageResizer resizer, Gallery gallery, int chunkSize, Consumer<ExecutionContext> saveContext) {
		this.parameters = parameters;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
		this.fetcher = fetcher;
		this.resizer = resizer;
		this.gallery = gallery;
		this.chunkSize = chunkSize;
		this.saveContext = saveContext;
	}

	@Override
	public void open(ExecutionContext context) {
		boolean earlierAttempt = SourceList.saved(this.workDirectory);
		try {
			this.sources = SourceList.load(this.parameters.source(), this.parameters.sources(), this.dataDir,
					this.workDirectory);
		}
		catch (IOException ex) {
			throw new ItemStreamException(
					"cannot list the images of " + this.parameters.source() + ": " + ex.getMessage(), ex);
		}
		this.next = context.getInt(READ, 0);
		// An attempt that died may have uploaded items past the committed position: those are checked against the
		// gallery before uploading again. Its own chunk size bounds them (saved as UNCERTAIN); a context saved before
		// that was recorded has only this attempt's to go by.
		this.uncertainBelow = earlierAttempt ? context.getInt(UNCERTAIN, uncertainAfterCommit()) : 0;
		this.downloads = Executors.newFixedThreadPool(this.parameters.downloadThreads(),
				Thread.ofPlatform().name("images-download-", 1).daemon().factory());
		this.resizes = Executors.newFixedThreadPool(this.parameters.resizeThreads(),
				Thread.ofPlatform().name("images-resize-", 1).daemon().factory());
		this.uploads = Executors.newFixedThreadPool(this.parameters.uploadThreads(),
				Thread.ofPlatform().name("images-upload-", 1).daemon().factory());
		// The first images download and resize while the list and the context are saved; none uploads before.
		startImages();
		try {
			if (!earlierAttempt) {
				SourceList.save(this.sources, this.workDirectory);
			}
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot save the list of images in " + this.workDirectory + ": "
					+ ex.getMessage(), ex);
		}
		context.putInt(UNCERTAIN, uncertainAfterCommit());
		this.saveContext.accept(context);
		this.saved.complete(null);
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
		while (!this.underway.isEmpty() && this.underway.peekFirst().isDone()) {
			this.underway.pollFirst();
		}
		for (int index = this.next + this.started.size(); index < end; index++) {
			ImageSource image = this.sources.get(index);
			boolean mayBeInGallery = index < this.uncertainBelow;
			CompletableFuture<ImageOutcome> outcome = CompletableFuture
				.supplyAsync(stage(() -> Latencies.atLeast(latencies.download(), () -> this.fetcher.fetch(image))),
						this.downloads)
				.thenApplyAsync((source) -> stage(() -> Latencies.atLeast(latencies.resize(), () -> prepare(source)))
					.get(), this.resizes)
				.thenCombineAsync(this.saved,
						(prepared, saved) -> stage(() -> upload(image, prepared, mayBeInGallery)).get(), this.uploads);
			this.underway.add(outcome);
			this.started.add(new PendingImage(image, outcome));
		}
	}

	/** The resize stage's work: the image resized, and named by its source's content and its output. */
	private PreparedImage prepare(byte[] source) throws Exception {
		ResizedImage resized = this.resizer.resize(source);
		return new PreparedImage(GalleryName.of(source, resized.size(), resized.format()), resized);
	}

	/**
	 * The upload stage's work: the image uploaded, or found already there when an earlier attempt may have uploaded
	 * it (a lookup is no upload: it does not take the stage's latency).
	 */
	private ImageOutcome upload(ImageSource source, PreparedImage image, boolean mayBeInGallery) throws Exception {
		if (mayBeInGallery && this.gallery.contains(image.name())) {
			return ImageOutcome.present(source, image.name(), image.resized().size());
		}
		Latencies.atLeast(this.parameters.latencies().upload(), () -> {
			this.gallery.upload(image.name(), image.resized());
			return null;
		});
		return ImageOutcome.uploaded(source, image.name(), image.resized().size());
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
	 * The end of the items this attempt may have uploaded without a commit if it dies after committing its position:
	 * the next chunk's, which it is working on, and the one after, whose uploads run ahead; or an earlier attempt's
	 * uncertain ones that reach further.
	 */
	private int uncertainAfterCommit() {
		return Math.max(this.uncertainBelow, this.next + 2 * this.chunkSize);
	}

	@Override
	public void close() {
		// Unfinished downloads and resizes have no side effects: dropping them loses nothing. But an item handed out
		// may still be waited for (a failed chunk's), and shutdownNow drops the stages still queued without ending
		// their futures: ended here, cancelled, they give up, and the stages not yet begun will not begin.
		this.underway.forEach((outcome) -> outcome.cancel(false));
		this.underway.clear();
		if (this.downloads != null) {
			this.downloads.shutdownNow();
			this.downloads = null;
		}
		if (this.resizes != null) {
			this.resizes.shutdownNow();
			this.resizes = null;
		}
		if (this.uploads != null) {
			// An upload under way is let finish rather than interrupted, and waited for: when the step says it has
			// ended, nothing of it is still writing to the gallery, so that a restart's lookups see what it did.
			this.uploads.shutdown();
			awaitUploads(this.uploads);
			this.uploads = null;
		}
		this.fetcher.close();
		if (this.gallery instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the gallery {}", this.gallery.location(), ex);
			}
		}
		this.started.clear();
	}

	private void awaitUploads(ExecutorService uploads) {
		try {
			if (!uploads.awaitTermination(UPLOADS_ENDING_SECONDS, TimeUnit.SECONDS)) {
				logger.warn("Uploads to {} still under way after {} s; the step ends without them",
						this.gallery.location(), UPLOADS_ENDING_SECONDS);
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/** How many images the run has, once opened. */
	int size() {
		return this.sources.size();
	}

	/** Where the images go, for the report and the job's summary. */
	String galleryLocation() {
		return this.gallery.location();
	}

}
