package dev.fanout.jobs.images;

import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.ItemProcessor;

import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.http.DownloadFailedException;

/**
 * The chunk's end of each image's pipeline: waits for what the reader's stages did with the image and hands the
 * outcome to the writer, or fails the item: a rejected image is skipped (the report says why), a download whose
 * retries ran out is skipped or fails the job as {@code onExhausted} says, anything else fails the chunk.
 * <p>
 * Thread safety: no mutable state.
 */
class ImageOutcomes implements ItemProcessor<PendingImage, ImageOutcome> {

	private final @Nullable OnExhausted onExhaustedParameter;

	private final OnExhausted onExhausted;

	/**
	 * @param onExhaustedParameter the instance's {@code onExhausted} parameter, or {@code null}
	 * @param onExhaustedSetting the setting, which decides when the parameter was not given
	 */
	ImageOutcomes(@Nullable OnExhausted onExhaustedParameter, OnExhausted onExhaustedSetting) {
		this.onExhaustedParameter = onExhaustedParameter;
		this.onExhausted = OnExhausted.effective(onExhaustedParameter, onExhaustedSetting);
	}

	/**
	 * @throws ImageRejectedException when the image cannot be used (the step skips it and the report says why)
	 */
	@Override
	public ImageOutcome process(PendingImage item) throws Exception {
		try {
			return item.outcome().get();
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
