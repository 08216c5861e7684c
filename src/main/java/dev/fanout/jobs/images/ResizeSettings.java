package dev.fanout.jobs.images;

/**
 * How images are resized: fitted within {@code maxWidth × maxHeight} (never scaled up) and, for JPEG, re-encoded
 * with {@code quality} (0 exclusive to 1: the JPEG writer's compression quality).
 */
public record ResizeSettings(int maxWidth, int maxHeight, float quality) {

	public ResizeSettings {
		if (maxWidth <= 0 || maxHeight <= 0) {
			throw new IllegalArgumentException(
					"the maximum size must be positive, not %d×%d".formatted(maxWidth, maxHeight));
		}
		if (!(quality > 0 && quality <= 1)) {
			throw new IllegalArgumentException(
					"the JPEG quality must be greater than 0 and at most 1, not " + quality);
		}
	}

	Dimensions bounds() {
		return new Dimensions(this.maxWidth, this.maxHeight);
	}

}
