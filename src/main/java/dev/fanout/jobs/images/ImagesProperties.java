package dev.fanout.jobs.images;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

import dev.fanout.core.InvalidSetting;
import dev.fanout.jobs.images.codec.ResizeMemory;
import dev.fanout.jobs.images.http.HttpSettings;

/**
 * Settings of the {@code images} job ({@code fanout.images.*}).
 *
 * @param chunkSize images per chunk: a chunk's outcomes are committed together, the pipeline runs at most one chunk
 * ahead of them, and a restart looks up at most two chunks of images in the gallery before uploading them again
 * @param connectTimeout HTTP connect timeout, for downloads and uploads
 * @param readTimeout HTTP time limit for a whole response, for downloads and uploads
 * @param maxImageSize the largest source image accepted (downloads are cut off there)
 * @param maxPixels the largest source image accepted, in pixels (checked before decoding)
 * @param attempts tries per download or upload before a transient failure (timeout, 5xx, reset) fails the job
 * @param backoff wait before the second try, doubled before each further one
 * @param resizeMemory the heap that decoded pixels may take at once, shared by all resizes; unset: half the maximum
 * heap (see {@link ResizeMemory})
 * @param onExhausted what to do with an image whose download retries ran out, for an instance launched without the
 * {@code onExhausted} parameter (read at every launch and restart, see {@link OnExhausted})
 */
@ConfigurationProperties("fanout.images")
public record ImagesProperties(@DefaultValue("50") int chunkSize, @DefaultValue("5s") Duration connectTimeout,
		@DefaultValue("30s") Duration readTimeout, @DefaultValue("20MB") DataSize maxImageSize,
		@DefaultValue("50000000") long maxPixels, @DefaultValue("3") int attempts,
		@DefaultValue("200ms") Duration backoff, @Nullable DataSize resizeMemory,
		@DefaultValue("fail") OnExhausted onExhausted) {

	/** Checked as they are bound, so that a start with a bad one stops naming it (exit 2), before any run. */
	public ImagesProperties {
		if (chunkSize < 1) {
			throw new InvalidSetting("fanout.images.chunk-size", chunkSize, "a whole number of 1 or more, e.g. 50");
		}
		positive("fanout.images.connect-timeout", connectTimeout, "5s");
		positive("fanout.images.read-timeout", readTimeout, "30s");
		if (maxImageSize.toBytes() < 1) {
			throw new InvalidSetting("fanout.images.max-image-size", maxImageSize, "a positive size, e.g. 20MB");
		}
		if (maxPixels < 1) {
			throw new InvalidSetting("fanout.images.max-pixels", maxPixels, "a whole number of 1 or more, e.g. 50000000");
		}
		if (attempts < 1) {
			throw new InvalidSetting("fanout.images.attempts", attempts, "a whole number of 1 or more, e.g. 3");
		}
		if (backoff.isNegative()) {
			throw new InvalidSetting("fanout.images.backoff", backoff, "a duration of 0 or more, e.g. 200ms");
		}
	}

	private static void positive(String setting, Duration value, String example) {
		if (value.isNegative() || value.isZero()) {
			throw new InvalidSetting(setting, value, "a positive duration, e.g. " + example);
		}
	}

	ResizeMemory memory() {
		return (this.resizeMemory != null) ? ResizeMemory.of(this.resizeMemory.toBytes()) : ResizeMemory.ofHeap();
	}

	HttpSettings http() {
		return new HttpSettings(this.connectTimeout, this.readTimeout, this.maxImageSize.toBytes(), this.attempts,
				this.backoff);
	}

}
