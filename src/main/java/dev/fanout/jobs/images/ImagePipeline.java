package dev.fanout.jobs.images;

import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizedImage;
import dev.fanout.jobs.images.http.DownloadFailedException;
import dev.fanout.jobs.images.http.Gallery;
import dev.fanout.jobs.images.http.GalleryName;

/**
 * The per-image work after the download: name the image, resize it, upload it. Spring Batch runs this processor for
 * all the items of a chunk at once (on virtual threads); each stage bounds its own concurrency, so the resize stage
 * runs {@code resizeThreads} images at a time and the upload stage {@code uploadThreads}, and an item moves on as soon
 * as its previous stage is done. Uploads happen here rather than in the writer so that they overlap with other items'
 * resizing instead of waiting for the whole chunk; the writer only records outcomes, in the chunk's transaction.
 * <p>
 * Thread safety: the resizer and gallery are thread-safe, the stages are semaphores; no other state.
 */
class ImagePipeline implements ItemProcessor<PendingImage, ImageOutcome>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(ImagePipeline.class);

	private final ImageResizer resizer;

	private final Gallery gallery;

	private final Stage resizing;

	private final Stage uploading;

	private final Latencies latencies;

	private final @Nullable OnExhausted onExhaustedParameter;

	private final OnExhausted onExhausted;

	/**
	 * @param onExhaustedParameter the instance's {@code onExhausted} parameter, or {@code null}
	 * @param onExhaustedSetting the setting, which decides when the parameter was not given
	 */
	ImagePipeline(ImageResizer resizer, Gallery gallery, int resizeThreads, int uploadThreads, Latencies latencies,
			@Nullable OnExhausted onExhaustedParameter, OnExhausted onExhaustedSetting) {
		this.onExhaustedParameter = onExhaustedParameter;
		this.onExhausted = OnExhausted.effective(onExhaustedParameter, onExhaustedSetting);
		this.resizer = resizer;
		this.gallery = gallery;
		this.resizing = new Stage(resizeThreads);
		this.uploading = new Stage(uploadThreads);
		this.latencies = latencies;
	}

	/**
	 * @throws ImageRejectedException when the image cannot be used (the step skips it and the report says why)
	 */
	@Override
	public ImageOutcome process(PendingImage item) throws Exception {
		byte[] source = downloaded(item);
		Dimensions size = this.resizer.plan(source);
		ImageFormat format = ImageFormat.sniff(source).orElseThrow(() -> new ImageRejectedException(ImageResizer.NOT_AN_IMAGE));
		String name = GalleryName.of(source, size, format);
		if (item.mayBeInGallery() && this.uploading.run(() -> this.gallery.contains(name))) {
			return ImageOutcome.present(item.source(), name, size);
		}
		ResizedImage resized = this.resizing.run(() -> {
			Latencies.spend(this.latencies.resize());
			return this.resizer.resize(source);
		});
		this.uploading.run(() -> {
			Latencies.spend(this.latencies.upload());
			this.gallery.upload(name, resized);
			return null;
		});
		return ImageOutcome.uploaded(item.source(), name, resized.size());
	}

	/** Releases the gallery's HTTP client, if it has one, when the step ends. */
	@Override
	public @Nullable ExitStatus afterStep(StepExecution stepExecution) {
		if (this.gallery instanceof AutoCloseable closeable) {
			try {
				closeable.close();
			}
			catch (Exception ex) {
				logger.warn("Could not close the gallery {}", this.gallery.location(), ex);
			}
		}
		return null;
	}

	private byte[] downloaded(PendingImage item) throws Exception {
		try {
			return item.download().get();
		}
		catch (ExecutionException ex) {
			if (ex.getCause() instanceof DownloadFailedException failed && failed.exhausted()) {
				throw exhausted(item, failed);
			}
			if (ex.getCause() instanceof Exception cause) {
				throw cause;
			}
			throw ex;
		}
	}

	/**
	 * A download whose retries ran out: a skip (reported with its reason) under {@link OnExhausted#SKIP}, else the
	 * job's failure, saying how the operator can go on.
	 */
	private Exception exhausted(PendingImage item, DownloadFailedException failed) {
		if (this.onExhausted == OnExhausted.SKIP) {
			String prefix = "download of " + item.source().location() + ": ";
			String failure = failed.getMessage().startsWith(prefix) ? failed.getMessage().substring(prefix.length())
					: failed.getMessage();
			return new ImageRejectedException("gave up: %s (onExhausted=skip)".formatted(failure), failed);
		}
		// No cause: the job's exit description is the root cause's message, and this one must be it. The original
		// stays attached for the log.
		DownloadFailedException advised = new DownloadFailedException(
				failed.getMessage() + "; " + OnExhausted.advice(this.onExhaustedParameter), null, true);
		advised.addSuppressed(failed);
		return advised;
	}

}
