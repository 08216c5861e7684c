package dev.fanout.jobs.images.codec;

import java.awt.image.BufferedImage;

/**
 * Turns and mirrors a decoded image as its EXIF orientation says, so that the output is upright and needs no tag.
 * Applied to the already resized image, where it is cheap. Stateless.
 */
final class Orientations {

	private Orientations() {
	}

	/** The upright image for a stored image of that orientation; the same image for 1. */
	static BufferedImage upright(BufferedImage stored, int orientation) {
		if (orientation < 2 || orientation > 8) {
			return stored;
		}
		int w = stored.getWidth();
		int h = stored.getHeight();
		boolean swap = ExifOrientation.swapsSides(orientation);
		int outWidth = swap ? h : w;
		int outHeight = swap ? w : h;
		int[] source = stored.getRGB(0, 0, w, h, null, 0, w);
		int[] target = new int[source.length];
		for (int y = 0; y < outHeight; y++) {
			for (int x = 0; x < outWidth; x++) {
				// (sx, sy): the stored pixel that shows at (x, y), per the tag's definition of row 0 and column 0.
				int sx;
				int sy;
				switch (orientation) {
					case 2 -> { sx = w - 1 - x; sy = y; }
					case 3 -> { sx = w - 1 - x; sy = h - 1 - y; }
					case 4 -> { sx = x; sy = h - 1 - y; }
					case 5 -> { sx = y; sy = x; }
					case 6 -> { sx = y; sy = h - 1 - x; }
					case 7 -> { sx = w - 1 - y; sy = h - 1 - x; }
					default -> { sx = w - 1 - y; sy = x; } // 8
				}
				target[y * outWidth + x] = source[sy * w + sx];
			}
		}
		BufferedImage result = new BufferedImage(outWidth, outHeight,
				stored.getColorModel().hasAlpha() ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		result.setRGB(0, 0, outWidth, outHeight, target, 0, outWidth);
		return result;
	}

}
