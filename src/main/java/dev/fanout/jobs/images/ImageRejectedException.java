package dev.fanout.jobs.images;

/**
 * A permanent problem with one item (not an image, corrupt, too large, HTTP 404…): retrying cannot help, so the job
 * skips the item and reports {@link #reason()}. Without a stack trace: it is an expected outcome, not a bug, and
 * thousands of them may be created.
 */
class ImageRejectedException extends Exception {

	ImageRejectedException(String reason) {
		super(reason, null, false, false);
	}

	ImageRejectedException(String reason, Throwable cause) {
		super(reason, cause, false, false);
	}

	/** A short, specific reason, for a report. */
	String reason() {
		return getMessage();
	}

}
