package dev.fanout.jobs.images;

import java.time.Duration;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.http.DownloadFailedException;
import dev.fanout.jobs.images.http.Gallery;

/**
 * The end of each image's pipeline: the upload. Spring Batch runs this processor for all the items of a chunk at once
 * (on virtual threads); each waits for its image to come out of the reader's download and resize stages, then passes
 * an upload stage that admits {@code uploadThreads} items at a time, so an item is uploaded as soon as it is ready.
 * Uploads happen here, in the chunk, rather than ahead of it with the other stages, because they are the pipeline's
 * only side effect: a chunk's uploads are done before it commits, and a restart knows which ones may have happened.
 * They happen here rather than in the writer so that they overlap with other items' downloads and resizes instead of
 * waiting for the whole chunk; the writer only records outcomes, in the chunk's transaction.
 * <p>
 * Thread safety: the gallery is thread-safe, the stage is a semaphore; no other state.
 */
class ImagePipeline implements ItemProcessor<PendingImage, ImageOutcome>, StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(ImagePipeline.class);

	private final Gallery gallery;

	private final Stage uploading;

	private final Duration uploadLatency;

	private final @Nullable OnExhausted onExhaustedParameter;

	private final OnExhausted onExhausted;

	/**
	 * @param onExhaustedParameter the instance's {@code onExhausted} parameter, or {@code null}
	 * @param onExhaustedSetting the setting, which decides when the parameter was not given
	 */
	ImagePipeline(Gallery gallery, int uploadThreads, Duration uploadLatency,
			@Nullable OnExhausted onExhaustedParameter, OnExhausted onExhaustedSetting) {
		this.onExhaustedParameter = onExhaustedParameter;
		this.onExhausted = OnExhausted.effective(onExhaustedParameter, onExhaustedSetting);
		this.gallery = gallery;
		this.uploading = new Stage(uploadThreads);
		this.uploadLatency = uploadLatency;
	}

	/**
	 * @throws ImageRejectedException when the image cannot be used (the step skips it and the report says why)
	 */
	@Override
	public ImageOutcome process(PendingImage item) throws Exception {
		PreparedImage image = prepared(item);
		if (item.mayBeInGallery() && this.uploading.run(() -> this.gallery.contains(image.name()))) {
			return ImageOutcome.present(item.source(), image.name(), image.resized().size());
		}
		this.uploading.run(() -> Latencies.atLeast(this.uploadLatency, () -> {
			this.gallery.upload(image.name(), image.resized());
			return null;
		}));
		return ImageOutcome.uploaded(item.source(), image.name(), image.resized().size());
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

	private PreparedImage prepared(PendingImage item) throws Exception {
		try {
			return item.prepared().get();
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
