package dev.fanout.jobs.images.codec;

/**
 * A permanent problem with one item (not an image, corrupt, too large, HTTP 404…): retrying cannot help, so the job
 * skips the item and reports {@link #reason()}. Without a stack trace: it is an expected outcome, not a bug, and
 * thousands of them may be created.
 */
public class ImageRejectedException extends Exception {

	public ImageRejectedException(String reason) {
		super(reason, null, false, false);
	}

	public ImageRejectedException(String reason, Throwable cause) {
		super(reason, cause, false, false);
	}

	/** A short, specific reason, for a report. */
	public String reason() {
		return getMessage();
	}

}
