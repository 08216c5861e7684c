package dev.fanout.jobs.images.bench;

import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.fanout.jobs.images.Latencies;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * The reference pipeline: the book's design in plain Java, no Spring Batch. Three stages of platform threads
 * (download, resize, upload) joined by two bounded blocking queues: downloaders fetch the next image from the
 * {@link PipelineEnds}, resizers resize it with the job's {@link ImageResizer} and name it as the job does (its
 * SHA-256), taking at least the modelled latency as the job's resize stage does ({@link Latencies#atLeast}), uploaders
 * put the result under that name. Each stage does what the job's stage of the same name does.
 * <p>
 * Thread safety: the queues hand items over; the next index is an AtomicInteger; the ends and the resizer are
 * thread-safe. The first failing task records its failure and stops the pool (interrupting the others, which would
 * otherwise wait on a queue forever), and {@link #run} rethrows that first failure.
 */
final class QueuePipeline {

	/** Ends a resize thread: one per resize thread, put once the downloads have finished. */
	private static final Downloaded DOWNLOADS_END = new Downloaded(new byte[0]);

	/** Ends an upload thread: one per upload thread, put once the resizes have finished. */
	private static final Resized RESIZES_END = new Resized("", null);

	private final Supplier<PipelineEnds> ends;

	private final ImageResizer resizer;

	private final Duration latency;

	private final int capacity;

	/**
	 * @param ends the ends of one run, opened for it and closed after it
	 * @param latency the least time of each resize, its work included
	 * @param capacity each queue's bound (the job's chunk size: it holds about as many encoded images)
	 */
	QueuePipeline(Supplier<PipelineEnds> ends, ImageResizer resizer, Duration latency, int capacity) {
		this.ends = ends;
		this.resizer = resizer;
		this.latency = latency;
		this.capacity = capacity;
	}

	/** The gallery name the job gives an image: its SHA-256's first 8 bytes, its output size, its extension. */
	static String name(String hashPrefix, ResizedImage resized) {
		return hashPrefix + "-" + resized.size().width() + "x" + resized.size().height() + ".png";
	}

	static String hashPrefix(byte[] source) throws Exception {
		return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(source), 0, 8);
	}

	void run(int downloadThreads, int resizeThreads, int uploadThreads) throws Exception {
		BlockingQueue<Downloaded> downloaded = new ArrayBlockingQueue<>(this.capacity);
		BlockingQueue<Resized> resized = new ArrayBlockingQueue<>(this.capacity);
		AtomicInteger next = new AtomicInteger();
		AtomicReference<Exception> failure = new AtomicReference<>();
		try (PipelineEnds ends = this.ends.get();
				ExecutorService pool = Executors.newFixedThreadPool(downloadThreads + resizeThreads + uploadThreads)) {
			List<Future<?>> downloaders = start(pool, failure, downloadThreads, () -> {
				for (int i = next.getAndIncrement(); i < ends.size(); i = next.getAndIncrement()) {
					downloaded.put(new Downloaded(ends.download(i)));
				}
			});
			List<Future<?>> resizers = start(pool, failure, resizeThreads, () -> {
				for (Downloaded item = downloaded.take(); item != DOWNLOADS_END; item = downloaded.take()) {
					byte[] source = item.bytes();
					resized.put(Latencies.atLeast(this.latency, () -> {
						ResizedImage image = this.resizer.resize(source);
						return new Resized(name(hashPrefix(source), image), image);
					}));
				}
			});
			List<Future<?>> uploaders = start(pool, failure, uploadThreads, () -> {
				for (Resized item = resized.take(); item != RESIZES_END; item = resized.take()) {
					ends.upload(item.name(), item.image());
				}
			});
			await(downloaders, failure);
			end(downloaded, DOWNLOADS_END, resizeThreads, failure);
			await(resizers, failure);
			end(resized, RESIZES_END, uploadThreads, failure);
			await(uploaders, failure);
		}
	}

	/** One end per consumer; gives up if the stage's threads died (a full queue would block forever). */
	private static <T> void end(BlockingQueue<T> queue, T end, int consumers, AtomicReference<Exception> failure)
			throws Exception {
		for (int i = 0; i < consumers; i++) {
			while (!queue.offer(end, 100, TimeUnit.MILLISECONDS)) {
				if (failure.get() != null) {
					throw failure.get();
				}
			}
		}
	}

	private interface Task {

		void run() throws Exception;

	}

	private static List<Future<?>> start(ExecutorService pool, AtomicReference<Exception> failure, int threads,
			Task task) {
		List<Future<?>> futures = new ArrayList<>();
		for (int i = 0; i < threads; i++) {
			futures.add(pool.submit(() -> {
				try {
					task.run();
				}
				catch (Exception ex) {
					failure.compareAndSet(null, ex);
					// Wakes the other stages' threads, which would otherwise wait on a queue forever.
					pool.shutdownNow();
					throw ex;
				}
				return null;
			}));
		}
		return futures;
	}

	/** Waits for a stage's threads; the first failure of any stage is the one rethrown (the others were woken by it). */
	private static void await(List<Future<?>> futures, AtomicReference<Exception> failure) throws Exception {
		for (Future<?> future : futures) {
			try {
				future.get();
			}
			catch (ExecutionException ex) {
				throw (failure.get() != null) ? failure.get() : ex;
			}
		}
	}

	private record Downloaded(byte[] bytes) {

	}

	private record Resized(String name, @Nullable ResizedImage image) {

	}

}
