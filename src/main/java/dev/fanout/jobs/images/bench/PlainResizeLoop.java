package dev.fanout.jobs.images.bench;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizedImage;

/**
 * The reference of part (c): a plain loop on {@code threads} threads doing what the job does per image, no Spring
 * Batch, no stages: read the file, hash it (the job names each image by its SHA-256), resize it with the job's
 * {@link ImageResizer}, write the result atomically. Threads take the next file from a shared counter (an
 * AtomicInteger, the only shared state).
 */
final class PlainResizeLoop {

	private PlainResizeLoop() {
	}

	/** Resizes every file of {@code input} into {@code output}. */
	static void run(Path input, Path output, int threads, ImageResizer resizer) throws Exception {
		List<Path> files;
		try (Stream<Path> listing = Files.list(input)) {
			files = listing.filter(Files::isRegularFile).sorted().toList();
		}
		Files.createDirectories(output);
		AtomicInteger next = new AtomicInteger();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<Void>> workers = Stream.generate(() -> pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
					byte[] source = Files.readAllBytes(files.get(i));
					MessageDigest.getInstance("SHA-256").digest(source);
					ResizedImage resized = resizer.resize(source);
					ByteBuffer bytes = ByteBuffer.wrap(resized.bytes());
					AtomicFiles.writeBytes(output.resolve(files.get(i).getFileName()), (channel) -> {
						while (bytes.hasRemaining()) {
							channel.write(bytes);
						}
					});
				}
				return (Void) null;
			})).limit(threads).toList();
			for (Future<Void> worker : workers) {
				worker.get();
			}
		}
	}

}
