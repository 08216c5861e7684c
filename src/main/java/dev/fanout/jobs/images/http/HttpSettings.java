package dev.fanout.jobs.images.http;

import java.time.Duration;

/**
 * HTTP settings shared by {@link ImageDownloader} and {@link HttpGallery}: timeouts, the largest body accepted, and
 * retries of transient failures ({@code attempts} in all, counting the first; the pause before retry n is
 * {@code backoff × 2^(n-1)}).
 */
public record HttpSettings(Duration connectTimeout, Duration readTimeout, long maxBytes, int attempts, Duration backoff) {

	public HttpSettings {
		requirePositive("connect timeout", connectTimeout);
		requirePositive("read timeout", readTimeout);
		if (maxBytes <= 0) {
			throw new IllegalArgumentException("the size limit must be positive, not " + maxBytes);
		}
		if (attempts < 1) {
			throw new IllegalArgumentException("attempts must be at least 1, not " + attempts);
		}
		if (backoff == null || backoff.isNegative()) {
			throw new IllegalArgumentException("the backoff must be zero or positive, not " + backoff);
		}
	}

	/** The pause before attempt {@code attempt} (2, 3…): the backoff, doubled for each earlier retry. */
	Duration pauseBefore(int attempt) {
		int doublings = Math.min(attempt - 2, 20); // no overflow; 2^20 × backoff is already absurdly long
		return this.backoff.multipliedBy(1L << Math.max(0, doublings));
	}

	private static void requirePositive(String what, Duration duration) {
		if (duration == null || duration.isNegative() || duration.isZero()) {
			throw new IllegalArgumentException("the %s must be positive, not %s".formatted(what, duration));
		}
	}

}
