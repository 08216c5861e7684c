package dev.fanout.jobs.life.picture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * The bytes of an animated GIF89a of two-colour {@link Bitmap}s, written frame by frame: a global colour table of the
 * two colours, then per frame a graphic control extension (the delay; no transparency, no disposal), on the first one
 * the NETSCAPE2.0 extension (loop forever), an image descriptor for the whole screen and the pixels LZW-coded with a
 * minimum code size of 2.
 * <p>
 * These are exactly the bytes that the JDK's ImageIO GIF writer produced for these files before: the same LZW (the
 * table is cleared with a clear code, at 12 bits, when a new string no longer fits) and the same 255-byte sub-blocks.
 * ImageIO took ~50 ns a pixel (most of a small run's time); this is a few.
 * <p>
 * A frame's image data is a pure function of its bitmap ({@link #imageData}), so frames can be coded on several
 * threads and written in order. The encoder itself is not thread-safe: one writer owns it.
 */
final class GifEncoder {

	private static final int MIN_CODE_SIZE = 2;

	private static final int CLEAR = 1 << MIN_CODE_SIZE;

	private static final int END = CLEAR + 1;

	private static final int FIRST_FREE = CLEAR + 2;

	private static final int MAX_CODES = 4096;

	private final OutputStream out;

	private final int width;

	private final int height;

	private int frames;

	GifEncoder(OutputStream out, int width, int height, byte[] palette) throws IOException {
		this.out = out;
		this.width = width;
		this.height = height;
		out.write(new byte[] { 'G', 'I', 'F', '8', '9', 'a' });
		writeShort(width);
		writeShort(height);
		// Global colour table of 2 entries, 8 bits of colour resolution, not sorted; background 0, no aspect ratio.
		out.write(0xf0);
		out.write(0);
		out.write(0);
		out.write(palette);
	}

	/** Adds a frame of the screen's size shown for {@code delayCentiseconds}. */
	void frame(Bitmap bitmap, int delayCentiseconds) throws IOException {
		frame(bitmap.width(), bitmap.height(), imageData(bitmap), delayCentiseconds);
	}

	/** Adds a frame of the screen's size whose pixels {@link #imageData} coded. */
	void frame(int frameWidth, int frameHeight, byte[] imageData, int delayCentiseconds) throws IOException {
		if (frameWidth != this.width || frameHeight != this.height) {
			throw new IllegalArgumentException("a %d×%d frame on a %d×%d screen".formatted(frameWidth, frameHeight,
					this.width, this.height));
		}
		this.out.write(new byte[] { 0x21, (byte) 0xf9, 4, 0 });
		writeShort(delayCentiseconds);
		this.out.write(new byte[] { 0, 0 });
		if (this.frames == 0) {
			this.out.write(new byte[] { 0x21, (byte) 0xff, 11, 'N', 'E', 'T', 'S', 'C', 'A', 'P', 'E', '2', '.', '0', 3,
					1, 0, 0, 0 });
		}
		this.out.write(0x2c);
		writeShort(0);
		writeShort(0);
		writeShort(this.width);
		writeShort(this.height);
		this.out.write(0); // no local colour table, not interlaced
		this.out.write(MIN_CODE_SIZE);
		this.out.write(imageData);
		this.frames++;
	}

	/** Ends the file (the trailer). */
	void finish() throws IOException {
		this.out.write(0x3b);
		this.out.flush();
	}

	private void writeShort(int value) throws IOException {
		this.out.write(value & 0xff);
		this.out.write((value >>> 8) & 0xff);
	}

	/**
	 * A frame's pixels LZW-coded, in sub-blocks of 255 bytes, with the block terminator: what follows the minimum code
	 * size in the file. Safe on any thread: all its state is its own.
	 */
	static byte[] imageData(Bitmap bitmap) {
		return new FrameCoder().code(bitmap);
	}

	/** The LZW coding of one frame: used once, by one thread. */
	private static final class FrameCoder {

		/** The code of string s followed by pixel p at {@code 2 * s + p}, 0 when absent (no string has code 0 but "0"). */
		private final short[] strings = new short[2 * MAX_CODES];

		private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 12);

		private final byte[] block = new byte[256];

		private int blockLength;

		private long bitBuffer;

		private int bitCount;

		/**
		 * The code of the string of {@code n} pixels all {@code v} at {@code runs[v][n]}, for n from 1 to
		 * {@code longestRun[v]}: those lengths, and only those, are always in the table, because the string of n + 1
		 * is added only while the string of n is the current prefix.
		 */
		private final short[][] runs = new short[2][MAX_CODES + 1];

		private final int[] longestRun = new int[2];

		/**
		 * LZW as ImageIO's writer does it, pixel by pixel, except inside a run of equal pixels while the current
		 * prefix is itself such a run: there the table's answers are known in advance (the longer run, up to the
		 * longest in the table), so the pixels are taken a byte at a time. The codes are the same; a scaled-up grid,
		 * whose frames are mostly runs, codes several times faster.
		 */
		byte[] code(Bitmap bitmap) {
			int codeBits = MIN_CODE_SIZE + 1;
			int limit = (1 << codeBits) - 1;
			int next = FIRST_FREE;
			resetRuns();
			writeCode(CLEAR, codeBits);
			int prefix = -1;
			// The prefix is `run` pixels all `runPixel`, or a mixed string when run is 0.
			int run = 0;
			int runPixel = 0;
			byte[] bits = bitmap.bits();
			int stride = bitmap.stride();
			int width = bitmap.width();
			for (int y = 0; y < bitmap.height(); y++) {
				int row = y * stride;
				int x = 0;
				while (x < width) {
					int pixel = (bits[row + (x >>> 3)] >>> (7 - (x & 7))) & 1;
					if (prefix < 0) {
						prefix = pixel;
						run = 1;
						runPixel = pixel;
						x++;
						continue;
					}
					if (run > 0 && pixel == runPixel) {
						int same = sameRun(bits, row, x, width, pixel);
						int longest = this.longestRun[pixel];
						if (run + same <= longest) {
							run += same;
							prefix = this.runs[pixel][run];
							x += same;
							continue;
						}
						// Up to the longest run in the table; one pixel more is a string it does not have yet.
						x += longest - run;
						run = longest;
						prefix = this.runs[pixel][run];
					}
					else {
						int known = this.strings[2 * prefix + pixel];
						if (known != 0) {
							prefix = known;
							run = 0;
							x++;
							continue;
						}
					}
					writeCode(prefix, codeBits);
					if (next == MAX_CODES) {
						// The table is full: start again, as ImageIO's writer does at this point.
						writeCode(CLEAR, codeBits);
						Arrays.fill(this.strings, (short) 0);
						resetRuns();
						codeBits = MIN_CODE_SIZE + 1;
						limit = (1 << codeBits) - 1;
						next = FIRST_FREE;
					}
					else {
						this.strings[2 * prefix + pixel] = (short) next;
						if (run > 0 && pixel == runPixel) {
							this.runs[pixel][run + 1] = (short) next;
							this.longestRun[pixel] = run + 1;
						}
						if (next > limit) {
							codeBits++;
							limit = (1 << codeBits) - 1;
						}
						next++;
					}
					prefix = pixel;
					run = 1;
					runPixel = pixel;
					x++;
				}
			}
			if (prefix >= 0) {
				writeCode(prefix, codeBits);
			}
			writeCode(END, codeBits);
			if (this.bitCount > 0) {
				addByte((int) this.bitBuffer);
			}
			if (this.blockLength > 0) {
				writeBlock();
			}
			this.out.write(0); // block terminator
			return this.out.toByteArray();
		}

		/** A root code is the one-pixel string: runs of one pixel and no longer. */
		private void resetRuns() {
			for (int pixel = 0; pixel < 2; pixel++) {
				this.runs[pixel][1] = (short) pixel;
				this.longestRun[pixel] = 1;
			}
		}

		/** How many pixels from {@code x} on, to the row's end, equal {@code pixel} (which pixel x does). */
		private static int sameRun(byte[] bits, int row, int x, int width, int pixel) {
			byte whole = (pixel == 1) ? (byte) 0xff : 0;
			int end = x;
			while (end < width) {
				if ((end & 7) == 0 && end + 8 <= width && bits[row + (end >>> 3)] == whole) {
					end += 8;
				}
				else if (((bits[row + (end >>> 3)] >>> (7 - (end & 7))) & 1) == pixel) {
					end++;
				}
				else {
					break;
				}
			}
			return end - x;
		}

		/** Codes go low bit first into bytes, and bytes into sub-blocks of 255. */
		private void writeCode(int code, int bits) {
			this.bitBuffer |= (long) code << this.bitCount;
			this.bitCount += bits;
			while (this.bitCount >= 8) {
				addByte((int) this.bitBuffer);
				this.bitBuffer >>>= 8;
				this.bitCount -= 8;
			}
		}

		private void addByte(int value) {
			this.block[this.blockLength++] = (byte) value;
			if (this.blockLength == 255) {
				writeBlock();
			}
		}

		private void writeBlock() {
			this.out.write(this.blockLength);
			this.out.write(this.block, 0, this.blockLength);
			this.blockLength = 0;
		}

	}

}
