package dev.fanout.jobs.images;

import java.net.URI;
import java.time.Duration;

import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizeSettings;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.HttpGallery;
import dev.fanout.jobs.images.http.HttpSettings;
import dev.fanout.jobs.images.http.ImageDownloader;
import dev.fanout.jobs.images.http.ImageServer;
import dev.fanout.jobs.images.http.UploadMethod;

/**
 * What one item costs in each stage on this machine, measured one item at a time against the benchmark's server: the
 * modelled wait plus the real cost of an HTTP exchange on loopback, a PNG decode and encode. The benchmark compares the
 * pipeline with the bound these give, as well as with the ideal of the model.
 *
 * @param download seconds per download
 * @param resize seconds per resize (including the modelled wait)
 * @param upload seconds per upload
 */
record StageCosts(double download, double resize, double upload) {

	private static final int SAMPLES = 30;

	/** The better of two measurements: the first one mostly measures a JVM that has not compiled the code yet. */
	static StageCosts measure(ImageServer server, URI image, byte[] source, Duration resizeLatency) throws Exception {
		StageCosts cold = once(server, image, source, resizeLatency);
		StageCosts warm = once(server, image, source, resizeLatency);
		return new StageCosts(Math.min(cold.download, warm.download), Math.min(cold.resize, warm.resize),
				Math.min(cold.upload, warm.upload));
	}

	private static StageCosts once(ImageServer server, URI image, byte[] source, Duration resizeLatency)
			throws Exception {
		HttpSettings http = new HttpSettings(Duration.ofSeconds(5), Duration.ofSeconds(30), 1 << 20, 1, Duration.ZERO);
		ImageResizer resizer = new ImageResizer(new ResizeSettings(320, 240, 0.85f), 50_000_000);
		try (ImageDownloader downloader = new ImageDownloader(http);
				HttpGallery gallery = new HttpGallery(server.galleryUri(), UploadMethod.PUT, http)) {
			ResizedImage resized = resizer.resize(source);
			long start = System.nanoTime();
			for (int i = 0; i < SAMPLES; i++) {
				downloader.download(image);
			}
			long downloaded = System.nanoTime();
			for (int i = 0; i < SAMPLES; i++) {
				Thread.sleep(resizeLatency);
				resizer.resize(source);
			}
			long resizedAt = System.nanoTime();
			for (int i = 0; i < SAMPLES; i++) {
				gallery.upload("calibration-" + i + ".png", resized);
			}
			long uploaded = System.nanoTime();
			return new StageCosts((downloaded - start) / 1e9 / SAMPLES, (resizedAt - downloaded) / 1e9 / SAMPLES,
					(uploaded - resizedAt) / 1e9 / SAMPLES);
		}
	}

	/** The least time {@code items} can take with these threads per stage: the slowest stage's share. */
	double bound(int items, int downloadThreads, int resizeThreads, int uploadThreads) {
		return items * Math.max(this.download / downloadThreads,
				Math.max(this.resize / resizeThreads, this.upload / uploadThreads));
	}

}
