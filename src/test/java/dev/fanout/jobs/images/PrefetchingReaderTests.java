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
				2);
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

}
