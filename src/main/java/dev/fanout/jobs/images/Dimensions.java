package dev.fanout.jobs.images;

/** The size of an image in pixels. */
public record Dimensions(int width, int height) {

	public Dimensions {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("dimensions must be positive: %d×%d".formatted(width, height));
		}
	}

	long pixels() {
		return (long) this.width * this.height;
	}

	/** The same image turned a quarter: what an EXIF orientation of 5 to 8 does. */
	Dimensions transposed() {
		return new Dimensions(this.height, this.width);
	}

	/**
	 * The largest size within {@code bounds} with this aspect ratio, or this size if it already fits: images are never
	 * scaled up. Sides are rounded to the nearest pixel and are at least 1.
	 */
	Dimensions fitWithin(Dimensions bounds) {
		if (this.width <= bounds.width && this.height <= bounds.height) {
			return this;
		}
		// Compare the ratios with exact products: whichever side overflows its bound more decides the scale.
		if ((long) this.width * bounds.height >= (long) this.height * bounds.width) {
			return new Dimensions(bounds.width, scaled(this.height, bounds.width, this.width));
		}
		return new Dimensions(scaled(this.width, bounds.height, this.height), bounds.height);
	}

	private static int scaled(int side, int numerator, int denominator) {
		long rounded = ((long) side * numerator * 2 + denominator) / (2L * denominator);
		return (int) Math.max(1, rounded);
	}

	@Override
	public String toString() {
		return this.width + "×" + this.height;
	}

}
