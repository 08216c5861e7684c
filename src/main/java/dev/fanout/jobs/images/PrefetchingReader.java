package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamException;
import org.springframework.batch.infrastructure.item.ItemStreamReader;

import dev.fanout.jobs.images.http.ImageFetcher;
import dev.fanout.jobs.images.http.ImageSource;

/**
 * Reads the run's images in order and starts their downloads ahead of the pipeline, on {@code downloadThreads}
 * threads of its own. Downloads have no side effects, so they may run ahead across chunk boundaries: while the last
 * items of one chunk are resized and uploaded, the next chunk is already downloading, and the chunk boundary does not
 * stall the download stage. Downloads are started at most one chunk ahead of the next item (bounded memory).
 * <p>
 * The position saved at each commit is the number of items handed out; Spring Batch 6 reads on the step's thread
 * only, so the fields below are confined to that thread (the downloads publish their bytes through their futures).
 */
class PrefetchingReader implements ItemStreamReader<PendingImage> {

	static final String READ = "images.read";

	/** How many images the source lists: the total of the job's progress. */
	static final String TOTAL = "images.total";

	private final Path source;

	private final @Nullable List<ImageSource> listed;

	private final Path dataDir;

	private final Path workDirectory;

	private final ImageFetcher fetcher;

	private final int downloadThreads;

	private final Duration downloadLatency;

	private final int chunkSize;

	private final Deque<PendingImage> started = new ArrayDeque<>();

	private List<ImageSource> sources = List.of();

	private int next;

	private int uncertainBelow;

	private @Nullable ExecutorService downloads;

	/** @param listed the images the launch listed, or {@code null} to list {@code source} */
	PrefetchingReader(Path source, @Nullable List<ImageSource> listed, Path dataDir, Path workDirectory,
			ImageFetcher fetcher, int downloadThreads, Duration downloadLatency, int chunkSize) {
		this.source = source;
		this.listed = listed;
		this.dataDir = dataDir;
		this.workDirectory = workDirectory;
		this.fetcher = fetcher;
		this.downloadThreads = downloadThreads;
		this.downloadLatency = downloadLatency;
		this.chunkSize = chunkSize;
	}

	@Override
	public void open(ExecutionContext context) {
		boolean earlierAttempt = SourceList.saved(this.workDirectory);
		try {
			this.sources = SourceList.loadOrCreate(this.source, this.listed, this.dataDir, this.workDirectory);
		}
		catch (IOException ex) {
			throw new ItemStreamException("cannot list the images of " + this.source + ": " + ex.getMessage(), ex);
		}
		this.next = context.getInt(READ, 0);
		// An attempt that died may have uploaded the items of the chunk it was working on, past the committed
		// position: those are checked against the gallery before uploading again.
		this.uncertainBelow = earlierAttempt ? this.next + this.chunkSize : 0;
		this.downloads = Executors.newFixedThreadPool(this.downloadThreads,
				Thread.ofPlatform().name("images-download-", 1).daemon().factory());
	}

	@Override
	public @Nullable PendingImage read() {
		startDownloads();
		PendingImage image = this.started.poll();
		if (image != null) {
			this.next++;
			startDownloads();
		}
		return image;
	}

	private void startDownloads() {
		int end = Math.min(this.sources.size(), this.next + this.chunkSize);
		for (int index = this.next + this.started.size(); index < end; index++) {
			ImageSource image = this.sources.get(index);
			Future<byte[]> download = this.downloads.submit(() -> {
				Latencies.spend(this.downloadLatency);
				return this.fetcher.fetch(image);
			});
			this.started.add(new PendingImage(image, download, index < this.uncertainBelow));
		}
	}

	@Override
	public void update(ExecutionContext context) {
		context.putInt(READ, this.next);
		context.putInt(TOTAL, this.sources.size());
	}

	@Override
	public void close() {
		if (this.downloads != null) {
			// Unfinished downloads are read-only work: dropping them loses nothing.
			this.downloads.shutdownNow();
			this.downloads = null;
		}
		this.fetcher.close();
		this.started.clear();
	}

	int size() {
		return this.sources.size();
	}

}
