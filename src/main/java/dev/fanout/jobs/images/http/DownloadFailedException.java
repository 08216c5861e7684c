package dev.fanout.jobs.images.http;

/**
 * A transient download failure (timeouts, connection problems, 5xx, 408, 429) that outlived its retries: the source
 * may be fine later, so the job fails rather than skipping the item, and a restart tries it again.
 */
public class DownloadFailedException extends RuntimeException {

	private final boolean exhausted;

	/** An interruption (the job is stopping): never turned into a skip. */
	public DownloadFailedException(String message, Throwable cause) {
		this(message, cause, false);
	}

	/** @param exhausted whether every attempt was made and failed (as opposed to an interruption) */
	public DownloadFailedException(String message, Throwable cause, boolean exhausted) {
		super(message, cause);
		this.exhausted = exhausted;
	}

	/** Whether the retries ran out: the source's own problem, which {@code onExhausted=skip} skips. */
	public boolean exhausted() {
		return this.exhausted;
	}

}
