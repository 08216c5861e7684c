package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import net.coobird.thumbnailator.Thumbnails;

/**
 * The benchmark's baseline: a plain loop on {@code threads} threads that resizes files with Thumbnailator directly,
 * no Spring Batch, no pipeline. Threads take the next file from a shared counter (an AtomicInteger, the only shared
 * state).
 */
final class PlainResizeLoop {

	private PlainResizeLoop() {
	}

	/** Resizes every file of {@code input} into {@code output}; returns the seconds it took. */
	static double run(Path input, Path output, int threads) throws Exception {
		List<Path> files;
		try (Stream<Path> listing = Files.list(input)) {
			files = listing.filter(Files::isRegularFile).sorted().toList();
		}
		Files.createDirectories(output);
		AtomicInteger next = new AtomicInteger();
		long start = System.nanoTime();
		try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
			List<Future<Void>> workers = Stream.generate(() -> pool.submit(() -> {
				for (int i = next.getAndIncrement(); i < files.size(); i = next.getAndIncrement()) {
					resize(files.get(i), output.resolve(files.get(i).getFileName()));
				}
				return (Void) null;
			})).limit(threads).toList();
			for (Future<Void> worker : workers) {
				worker.get();
			}
		}
		return (System.nanoTime() - start) / 1e9;
	}

	private static void resize(Path source, Path target) throws IOException {
		Thumbnails.of(source.toFile()).size(320, 240).outputQuality(0.85f).toFile(target.toFile());
	}

}
