package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.util.unit.DataSize;

import dev.fanout.Await;
import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.DirectoryGallery;
import dev.fanout.jobs.images.http.Gallery;
import dev.fanout.jobs.images.http.GalleryName;
import dev.fanout.jobs.images.http.HttpSettings;
import dev.fanout.jobs.images.http.ImageDownloader;
import dev.fanout.jobs.images.http.ImageFetcher;
import dev.fanout.jobs.images.http.UploadMethod;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The reader runs each image's download, resize and upload on stages of its own, ahead of the chunk. */
class PipelineReaderTests {

	private static final ResizeSettings RESIZE = new ResizeSettings(160, 120, 0.85f);

	@TempDir
	Path dataDir;

	private final Set<String> lookups = ConcurrentHashMap.newKeySet();

	@Test
	void aRestartWithSmallerChunksLooksUpEveryItemTheUploadsOfAnAttemptKilledBeforeItsFirstCommitMayHaveReached()
			throws Exception {
		Path source = images(12);
		List<ExecutionContext> saved = new ArrayList<>();
		// The first attempt, chunks of 4, is killed in its first chunk, while the uploads of the next one run ahead:
		// the repository holds what its reader saved when it opened.
		PipelineReader first = reader(source, 4, saved);
		first.open(new ExecutionContext());
		assertThat(readAll(first, 4)).extracting(this::lookedUp).containsOnly(false);
		first.close();

		PipelineReader restart = reader(source, 2, saved);
		restart.open(new ExecutionContext(saved.get(saved.size() - 1)));

		assertThat(readAll(restart, 12)).extracting(this::lookedUp)
			.as("items 0-7 were in the killed attempt's chunk or the next, whatever the restart's chunk size")
			.containsExactly(true, true, true, true, true, true, true, true, false, false, false, false);
		restart.close();
	}

	@Test
	void restartsWithSmallerChunksKeepLookingUpTheItemsAnEarlierAttemptMayHaveUploaded() throws Exception {
		Path source = images(20);
		List<ExecutionContext> saved = new ArrayList<>();
		// Chunks of 4: the first chunk commits, the attempt is killed in the second (items 4-7, uploads up to 11).
		PipelineReader first = reader(source, 4, saved);
		ExecutionContext context = new ExecutionContext();
		first.open(context);
		readAll(first, 4);
		commit(first, context, saved);
		readAll(first, 4);
		first.close();
		// Chunks of 1: commits item 4, then is killed.
		PipelineReader second = reader(source, 1, saved);
		context = new ExecutionContext(saved.get(saved.size() - 1));
		second.open(context);
		assertThat(readAll(second, 1)).extracting(this::lookedUp).containsOnly(true);
		commit(second, context, saved);
		second.close();

		PipelineReader third = reader(source, 1, saved);
		third.open(new ExecutionContext(saved.get(saved.size() - 1)));

		assertThat(readAll(third, 15)).extracting(this::lookedUp)
			.as("items 5-11 may have been uploaded by the first attempt, 12 on by none")
			.containsExactly(true, true, true, true, true, true, true, false, false, false, false, false, false, false,
					false);
		third.close();
	}

	@Test
	void theNextChunksImagesAreUploadedBeforeTheChunkCommits() throws Exception {
		PipelineReader reader = reader(images(4), 2, new ArrayList<>());
		reader.open(new ExecutionContext());
		try {
			readAll(reader, 2);

			// Without a commit, and before the step has read them: the book's upload stage does not wait for one.
			Await.until("the next chunk's images uploaded", Duration.ofSeconds(30), () -> uploaded() == 4);
		}
		finally {
			reader.close();
		}
	}

	@Test
	void eachImageIsResizedNamedAndUploadedWhileANonImageCarriesItsRejection() throws Exception {
		Path source = Files.createDirectories(this.dataDir.resolve("in"));
		List<byte[]> images = List.of(SampleImages.jpeg(640, 480, 1), SampleImages.png(300, 200, 2),
				SampleImages.jpeg(100, 80, 3));
		for (int i = 0; i < images.size(); i++) {
			Files.write(source.resolve("image-%d.%s".formatted(i, (i == 1) ? "png" : "jpg")), images.get(i));
		}
		Files.writeString(source.resolve("image-3.jpg"), "not an image\n");
		ImageResizer resizer = new ImageResizer(RESIZE, 1_000_000);
		PipelineReader reader = reader(parameters(source, 2, Latencies.NONE), 2, gallery(), new ArrayList<>());
		List<PendingImage> pending = new ArrayList<>();
		reader.open(new ExecutionContext());
		try {
			for (PendingImage image = reader.read(); image != null; image = reader.read()) {
				pending.add(image);
			}
			assertThat(pending).hasSize(4);
			for (int i = 0; i < images.size(); i++) {
				ImageOutcome outcome = pending.get(i).outcome().get();
				ResizedImage expected = resizer.resize(images.get(i));
				assertThat(outcome.status()).isEqualTo(ImageOutcome.Status.UPLOADED);
				assertThat(outcome.name()).isEqualTo(GalleryName.of(images.get(i), expected.size(), expected.format()));
				assertThat(this.dataDir.resolve("gallery").resolve(outcome.name())).hasBinaryContent(expected.bytes());
			}
			assertThatExceptionOfType(ExecutionException.class).isThrownBy(() -> pending.get(3).outcome().get())
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
		PipelineReader reader = reader(parameters(images(3), 1, new Latencies(Duration.ofMinutes(1), Duration.ZERO,
				Duration.ZERO)), 3, gallery(), new ArrayList<>());
		reader.open(new ExecutionContext());
		// Handed out to a chunk's processors, which a failed chunk abandons, each waiting for its image.
		List<PendingImage> chunk = readAll(reader, 3);

		reader.close();

		assertThat(chunk).extracting((image) -> image.outcome().isDone()).containsOnly(true);
	}

	@Test
	void closingLetsTheUploadUnderWayFinishAndWaitsForIt() throws Exception {
		CountDownLatch underWay = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		List<String> uploads = new CopyOnWriteArrayList<>();
		Gallery gallery = new Gallery() {

			@Override
			public boolean contains(String name) {
				return false;
			}

			/** Under way until the test lets it finish. */
			@Override
			public void upload(String name, ResizedImage image) {
				underWay.countDown();
				try {
					finish.await();
					uploads.add("finished");
				}
				catch (InterruptedException ex) {
					uploads.add("interrupted");
				}
			}

			@Override
			public String location() {
				return "test";
			}

		};
		PipelineReader reader = reader(parameters(images(1), 1, Latencies.NONE), 1, gallery, new ArrayList<>());
		reader.open(new ExecutionContext());
		reader.read();
		assertThat(underWay.await(30, TimeUnit.SECONDS)).as("the upload under way").isTrue();

		Thread closing = Thread.ofPlatform().name("closing").start(reader::close);
		Await.until("close waiting, or returned", Duration.ofSeconds(30),
				() -> closing.getState() == Thread.State.TIMED_WAITING || !closing.isAlive());
		boolean closedBeforeTheUploadEnded = !closing.isAlive();
		finish.countDown();
		closing.join();

		assertThat(closedBeforeTheUploadEnded).as("close returned while the upload was under way").isFalse();
		assertThat(uploads).containsExactly("finished");
	}

	/** The images in the gallery directory (not those still being written, hidden until moved into place). */
	private long uploaded() throws IOException {
		Path gallery = this.dataDir.resolve("gallery");
		if (!Files.isDirectory(gallery)) {
			return 0;
		}
		try (Stream<Path> files = Files.list(gallery)) {
			return files.filter((file) -> !file.getFileName().toString().startsWith(".")).count();
		}
	}

	/** A source directory of {@code count} small JPEGs. */
	private Path images(int count) throws Exception {
		Path source = Files.createDirectories(this.dataDir.resolve("in"));
		for (int i = 0; i < count; i++) {
			Files.write(source.resolve("image-%02d.jpg".formatted(i)), SampleImages.jpeg(32, 24, i));
		}
		return source;
	}

	private static ImagesParameters parameters(Path source, int threads, Latencies latencies) {
		return new ImagesParameters(source, null, null, UploadMethod.PUT, RESIZE, threads, threads, 1, latencies, null,
				null);
	}

	/** The gallery directory, whose lookups (from the reader made last) {@link #lookedUp} tells. */
	private Gallery gallery() {
		this.lookups.clear();
		DirectoryGallery directory = new DirectoryGallery(this.dataDir.resolve("gallery"), this.dataDir);
		return new Gallery() {

			@Override
			public boolean contains(String name) {
				PipelineReaderTests.this.lookups.add(name);
				return directory.contains(name);
			}

			@Override
			public void upload(String name, ResizedImage image) throws IOException {
				directory.upload(name, image);
			}

			@Override
			public String location() {
				return directory.location();
			}

		};
	}

	/** A reader of chunks of {@code chunkSize}, one thread per stage, into {@link #gallery}. */
	private PipelineReader reader(Path source, int chunkSize, List<ExecutionContext> saved) {
		return reader(parameters(source, 1, Latencies.NONE), chunkSize, gallery(), saved);
	}

	/** A reader whose saves of its context go to {@code saved}, as copies. */
	private PipelineReader reader(ImagesParameters parameters, int chunkSize, Gallery gallery,
			List<ExecutionContext> saved) {
		HttpSettings http = new HttpSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 1 << 20, 1,
				Duration.ofMillis(10));
		return new PipelineReader(parameters, this.dataDir, this.dataDir.resolve("work"),
				new ImageFetcher(new ImageDownloader(http), DataSize.ofMegabytes(1).toBytes(), this.dataDir),
				new ImageResizer(RESIZE, 1_000_000), gallery, chunkSize,
				(context) -> saved.add(new ExecutionContext(context)));
	}

	/** Whether the upload stage looked the image up in the gallery before uploading it. */
	private boolean lookedUp(PendingImage image) {
		try {
			return this.lookups.contains(image.outcome().get().name());
		}
		catch (InterruptedException | ExecutionException ex) {
			throw new AssertionError(ex);
		}
	}

	/** The next {@code count} items, as the step hands them to a chunk's processor. */
	private static List<PendingImage> readAll(PipelineReader reader, int count) {
		List<PendingImage> items = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			items.add(reader.read());
		}
		return items;
	}

	/** A chunk's commit: the step updates the context from its streams and saves it. */
	private static void commit(PipelineReader reader, ExecutionContext context, List<ExecutionContext> saved) {
		reader.update(context);
		saved.add(new ExecutionContext(context));
	}

}
