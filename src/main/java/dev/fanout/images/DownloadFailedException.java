package dev.fanout.images;

/**
 * A transient download failure (timeouts, connection problems, 5xx, 408, 429) that outlived its retries: the source
 * may be fine later, so the job fails rather than skipping the item, and a restart tries it again.
 */
class DownloadFailedException extends RuntimeException {

	DownloadFailedException(String message, Throwable cause) {
		super(message, cause);
	}

}
