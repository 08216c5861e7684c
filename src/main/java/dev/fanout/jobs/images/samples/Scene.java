package dev.fanout.jobs.images.samples;

import java.awt.image.BufferedImage;
import java.util.Random;

/**
 * Paints the sample pictures pixel by pixel with integer arithmetic: a sky gradient on top, a sun on the left, green
 * ground with houses below, and a label in a 5×7 pixel font. {@link Random} is specified to give the same sequence
 * for a seed on every JVM. Stateless.
 */
public final class Scene {

	private Scene() {
	}

	public static BufferedImage paint(int width, int height, long seed, boolean alpha, String label) {
		if (width <= 0 || height <= 0) {
			throw new IllegalArgumentException("a picture needs a positive size, not %d×%d".formatted(width, height));
		}
		Random random = new Random(seed);
		int[] pixels = new int[width * height];
		int horizon = height * 3 / 5;
		int skyTop = hsv(random.nextInt(360), 70, 55);
		int skyLow = hsv(200 + random.nextInt(30), 35, 95);
		int groundHigh = hsv(90 + random.nextInt(40), 60, 70);
		int groundLow = hsv(100 + random.nextInt(40), 80, 35);
		for (int y = 0; y < height; y++) {
			boolean sky = y < horizon;
			int color = sky ? blend(skyTop, skyLow, y, horizon)
					: blend(groundHigh, groundLow, y - horizon, height - horizon);
			// With alpha, the sky fades in from fully transparent at the top; the ground is opaque.
			int a = (alpha && sky) ? 255 * y / horizon : 255;
			for (int x = 0; x < width; x++) {
				pixels[y * width + x] = a << 24 | color;
			}
		}
		int sunRadius = Math.max(2, Math.min(width, height) / 8);
		disc(pixels, width, height, width / 4, horizon / 2, sunRadius, hsv(45 + random.nextInt(15), 80, 100));
		int houses = 3 + random.nextInt(3);
		for (int i = 0; i < houses; i++) {
			int w = Math.max(2, width / 12 + random.nextInt(Math.max(1, width / 10)));
			int h = Math.max(2, (height - horizon) / 3 + random.nextInt(Math.max(1, (height - horizon) / 4)));
			int x = width / 3 + random.nextInt(Math.max(1, width * 2 / 3 - w));
			int color = hsv(random.nextInt(360), 50 + random.nextInt(40), 60 + random.nextInt(40));
			int top = horizon + (height - horizon) / 6 - h / 3;
			rectangle(pixels, width, height, x, top, w, h, color);
			rectangle(pixels, width, height, x + w / 3, top + h / 3, w / 4, h / 3, 0x303030);
			int roof = hsv(random.nextInt(40), 70, 55);
			for (int row = 0; row < w / 2; row++) {
				int half = row + 1; // a 45° roof
				rectangle(pixels, width, height, x + w / 2 - half, top - w / 2 + row, 2 * half, 1, roof);
			}
		}
		String text = label + " " + width + "x" + height;
		int scale = Math.max(1, Math.min(width / (text.length() * 6 + 4), height / 40));
		int textHeight = 9 * scale;
		rectangle(pixels, width, height, 0, height - textHeight - scale, text.length() * 6 * scale + 2 * scale,
				textHeight + scale, 0x202020);
		PixelFont.draw(pixels, width, height, text, scale, height - textHeight, 0xffffff, scale);
		BufferedImage image = new BufferedImage(width, height,
				alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB);
		image.setRGB(0, 0, width, height, pixels, 0, width);
		return image;
	}

	/** Colour {@code a} at 0 to {@code b} at {@code steps}, channel by channel. */
	private static int blend(int a, int b, int step, int steps) {
		int result = 0;
		for (int shift = 0; shift <= 16; shift += 8) {
			int from = a >> shift & 0xff;
			int to = b >> shift & 0xff;
			result |= (from + (to - from) * step / Math.max(1, steps)) << shift;
		}
		return result;
	}

	private static void disc(int[] pixels, int width, int height, int cx, int cy, int r, int rgb) {
		for (int y = Math.max(0, cy - r); y <= Math.min(height - 1, cy + r); y++) {
			for (int x = Math.max(0, cx - r); x <= Math.min(width - 1, cx + r); x++) {
				if ((long) (x - cx) * (x - cx) + (long) (y - cy) * (y - cy) <= (long) r * r) {
					pixels[y * width + x] = 0xff000000 | rgb;
				}
			}
		}
	}

	static void rectangle(int[] pixels, int width, int height, int left, int top, int w, int h, int rgb) {
		for (int y = Math.max(0, top); y < Math.min(height, top + h); y++) {
			for (int x = Math.max(0, left); x < Math.min(width, left + w); x++) {
				pixels[y * width + x] = 0xff000000 | rgb;
			}
		}
	}

	/** Hue 0–359, saturation and value 0–100, to 0xRRGGBB. */
	private static int hsv(int hue, int saturation, int value) {
		int max = value * 255 / 100;
		int min = max * (100 - saturation) / 100;
		int sector = hue % 360 / 60;
		int rising = min + (max - min) * (hue % 60) / 60;
		int falling = max - (max - min) * (hue % 60) / 60;
		int[] rgb = switch (sector) {
			case 0 -> new int[] { max, rising, min };
			case 1 -> new int[] { falling, max, min };
			case 2 -> new int[] { min, max, rising };
			case 3 -> new int[] { min, falling, max };
			case 4 -> new int[] { rising, min, max };
			default -> new int[] { max, min, falling };
		};
		return rgb[0] << 16 | rgb[1] << 8 | rgb[2];
	}

}
