package dev.fanout.jobs.life.picture;

import java.util.Arrays;

/**
 * A two-colour image as PNG stores it: rows of one bit per pixel, the leftmost pixel in the high bit, each row padded
 * to whole bytes with zeros. Pixel 1 is a live cell (dark), 0 a dead one. Not thread-safe: one writer owns it.
 */
final class Bitmap {

	private final int width;

	private final int height;

	private final int stride;

	private final byte[] bits;

	Bitmap(int width, int height) {
		this.width = width;
		this.height = height;
		this.stride = (width + 7) >>> 3;
		this.bits = new byte[Math.multiplyExact(this.stride, height)];
	}

	int width() {
		return this.width;
	}

	int height() {
		return this.height;
	}

	/** Bytes per row. */
	int stride() {
		return this.stride;
	}

	/** The rows themselves (not a copy). */
	byte[] bits() {
		return this.bits;
	}

	void set(int x, int y) {
		this.bits[y * this.stride + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
	}

	/** Pixels {@code x} to {@code x + count - 1} of row {@code y}, a byte at a time where it can. */
	void setRun(int x, int y, int count) {
		int row = y * this.stride;
		int end = x + count;
		while (x < end && (x & 7) != 0) {
			this.bits[row + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
			x++;
		}
		while (x + 8 <= end) {
			this.bits[row + (x >>> 3)] = (byte) 0xff;
			x += 8;
		}
		while (x < end) {
			this.bits[row + (x >>> 3)] |= (byte) (0x80 >>> (x & 7));
			x++;
		}
	}

	boolean get(int x, int y) {
		return (this.bits[y * this.stride + (x >>> 3)] & (0x80 >>> (x & 7))) != 0;
	}

	void clear() {
		Arrays.fill(this.bits, (byte) 0);
	}

}
