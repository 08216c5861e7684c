package dev.fanout.jobs.images;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;

import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.GalleryName;
import dev.fanout.jobs.images.http.HttpSettings;
import dev.fanout.jobs.images.http.ImageDownloader;
import dev.fanout.jobs.images.http.ImageFetcher;
import dev.fanout.jobs.images.http.UploadMethod;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The reader hands out each image downloaded, resized and named by its own stages, ahead of the processor. */
class PrefetchingReaderTests {

	private static final ResizeSettings RESIZE = new ResizeSettings(160, 120, 0.85f);

	@TempDir
	Path dataDir;

	@Test
	void aRestartWithSmallerChunksLooksUpEveryItemOfTheChunkAnAttemptKilledBeforeItsFirstCommitWasUploading()
			throws Exception {
		Path source = images(6);
		List<ExecutionContext> saved = new ArrayList<>();
		// The first attempt, chunks of 4, is killed while uploading its first chunk: the repository holds what its
		// reader saved when it opened.
		PrefetchingReader first = reader(source, 4, saved);
		first.open(new ExecutionContext());
		assertThat(readAll(first, 4)).extracting(PendingImage::mayBeInGallery).containsOnly(false);
		first.close();

		PrefetchingReader restart = reader(source, 2, saved);
		restart.open(new ExecutionContext(saved.get(saved.size() - 1)));

		assertThat(readAll(restart, 6)).extracting(PendingImage::mayBeInGallery)
			.as("items 0-3 were in the killed attempt's chunk, whatever the restart's chunk size")
			.containsExactly(true, true, true, true, false, false);
		restart.close();
	}

	@Test
	void restartsWithSmallerChunksKeepLookingUpTheItemsAnEarlierAttemptMayHaveUploaded() throws Exception {
		Path source = images(12);
		List<ExecutionContext> saved = new ArrayList<>();
		// Chunks of 4: the first chunk commits, the attempt is killed uploading the second (items 4-7).
		PrefetchingReader first = reader(source, 4, saved);
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		readAll(first, 4);
		commit(first, context, saved);
		readAll(first, 4);
		first.close();
		// Chunks of 1: commits item 4, then is killed.
		PrefetchingReader second = reader(source, 1, saved);
		context = new ExecutionContext(saved.get(saved.size() - 1));
		second.open(context);
		assertThat(readAll(second, 1)).extracting(PendingImage::mayBeInGallery).containsOnly(true);
		commit(second, context, saved);
		second.close();

		PrefetchingReader third = reader(source, 1, saved);
		third.open(new ExecutionContext(saved.get(saved.size() - 1)));

		assertThat(readAll(third, 7)).extracting(PendingImage::mayBeInGallery)
			.as("items 5-7 may have been uploaded by the first attempt, 8 on by none")
			.containsExactly(true, true, true, false, false, false, false);
		third.close();
	}

	@Test
	void eachImageComesResizedAndNamedWhileANonImageCarriesItsRejection() throws Exception {
		Path source = Files.createDirectories(this.dataDir.resolve("in"));
		List<byte[]> images = List.of(SampleImages.jpeg(640, 480, 1), SampleImages.png(300, 200, 2),
				SampleImages.jpeg(100, 80, 3));
		for (int i = 0; i < images.size(); i++) {
			Files.write(source.resolve("image-%d.%s".formatted(i, (i == 1) ? "png" : "jpg")), images.get(i));
		}
		Files.writeString(source.resolve("image-3.jpg"), "not an image\n");
		ImageResizer resizer = new ImageResizer(RESIZE, 1_000_000);
		ImagesParameters parameters = new ImagesParameters(source, null, null, UploadMethod.PUT, RESIZE, 2, 2, 1,
				Latencies.NONE, null, null);
		HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, 1,
				Duration.ofMillis(10));
		PrefetchingReader reader = new PrefetchingReader(parameters, this.dataDir, this.dataDir.resolve("work"),
				new ImageFetcher(new ImageDownloader(http), DataSize.ofMegabytes(1).toBytes(), this.dataDir), resizer,
				2, (context) -> {
				});
		List<PendingImage> pending = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (PendingImage image = reader.read(); image != null; image = reader.read()) {
				pending.add(image);
			}
			assertThat(pending).hasSize(4);
			for (int i = 0; i < images.size(); i++) {
				PreparedImage prepared = pending.get(i).prepared().get();
				ResizedImage expected = resizer.resize(images.get(i));
				assertThat(prepared.resized().bytes()).isEqualTo(expected.bytes());
				assertThat(prepared.name())
					.isEqualTo(GalleryName.of(images.get(i), expected.size(), expected.format()));
			}
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> pending.get(3).prepared().get())
				.havingCause()
				.isInstanceOf(ImageRejectedException.class)
				.withMessage(ImageResizer.NOT_AN_IMAGE);
		}
		finally {
			reader.close();
		}
	}

	@Test
	void closingEndsTheImagesStillToComeSoThatNoProcessorWaitsForThemForEver() throws Exception {
		// One download at a time, each a minute long: the first downloads when the reader closes, the others wait.
		ImagesParameters parameters = new ImagesParameters(images(3), null, null, UploadMethod.PUT, RESIZE, 1, 1, 1,
				new Latencies(Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO), null, null);
		HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, 1,
				Duration.ofMillis(10));
		PrefetchingReader reader = new PrefetchingReader(parameters, this.dataDir, this.dataDir.resolve("work"),
				new ImageFetcher(new ImageDownloader(http), DataSize.ofMegabytes(1).toBytes(), this.dataDir),
				new ImageResizer(RESIZE, 1_000_000), 3, (context) -> {
				});
		reader.open(new ExecutionContext());
		// Handed out to a chunk's processors, which a failed chunk abandons, each waiting for its image.
		List<PendingImage> chunk = readAll(reader, 3);

		reader.close();

		assertThat(chunk).extracting((image) -> image.prepared().isDone()).containsOnly(true);
	}

	/** A source directory of {@code count} small JPEGs. */
	private Path images(int count) throws Exception {
		Path source = Files.createDirectories(this.dataDir.resolve("in"));
		for (int i = 0; i < count; i++) {
			Files.write(source.resolve("image-%02d.jpg".formatted(i)), SampleImages.jpeg(32, 24, i));
		}
		return source;
	}

	/** A reader of chunks of {@code chunkSize} whose saves of its context go to {@code saved}, as copies. */
	private PrefetchingReader reader(Path source, int chunkSize, List<ExecutionContext> saved) {
		ImagesParameters parameters = new ImagesParameters(source, null, null, UploadMethod.PUT, RESIZE, 1, 1, 1,
				Latencies.NONE, null, null);
		HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, 1,
				Duration.ofMillis(10));
		return new PrefetchingReader(parameters, this.dataDir, this.dataDir.resolve("work"),
				new ImageFetcher(new ImageDownloader(http), DataSize.ofMegabytes(1).toBytes(), this.dataDir),
				new ImageResizer(RESIZE, 1_000_000), chunkSize, (context) -> saved.add(new ExecutionContext(context)));
	}

	/** The next {@code count} items, as the step hands them to a chunk's uploads. */
	private static List<PendingImage> readAll(PrefetchingReader reader, int count) {
		List<PendingImage> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(reader.read());
		}
		return items;
	}

	/** A chunk's commit: the step updates the context from its streams and saves it. */
	private static void commit(PrefetchingReader reader, ExecutionContext context, List<ExecutionContext> saved) {
		reader.update(context);
		saved.add(new ExecutionContext(context));
	}

}
