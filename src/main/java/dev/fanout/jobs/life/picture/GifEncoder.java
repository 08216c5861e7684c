package dev.fanout.jobs.life.picture;

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
 * Not thread-safe: one writer owns it.
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

	/** The code of string s followed by pixel p at {@code 2 * s + p}, 0 when absent (no string has code 0 but "0"). */
	private final short[] strings = new short[2 * MAX_CODES];

	private final byte[] block = new byte[256];

	private int blockLength;

	private long bitBuffer;

	private int bitCount;

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
		if (bitmap.width() != this.width || bitmap.height() != this.height) {
			throw new IllegalArgumentException("a %d×%d frame on a %d×%d screen".formatted(bitmap.width(),
					bitmap.height(), this.width, this.height));
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
		compress(bitmap);
		this.out.write(0); // block terminator
		this.frames++;
	}

	/** Ends the file (the trailer). */
	void finish() throws IOException {
		this.out.write(0x3b);
		this.out.flush();
	}

	private void compress(Bitmap bitmap) throws IOException {
		Arrays.fill(this.strings, (short) 0);
		int codeBits = MIN_CODE_SIZE + 1;
		int limit = (1 << codeBits) - 1;
		int next = FIRST_FREE;
		writeCode(CLEAR, codeBits);
		int prefix = -1;
		byte[] bits = bitmap.bits();
		int stride = bitmap.stride();
		for (int y = 0; y < this.height; y++) {
			int row = y * stride;
			for (int x = 0; x < this.width; x++) {
				int pixel = (bits[row + (x >>> 3)] >>> (7 - (x & 7))) & 1;
				if (prefix < 0) {
					prefix = pixel;
					continue;
				}
				int known = this.strings[2 * prefix + pixel];
				if (known != 0) {
					prefix = known;
					continue;
				}
				writeCode(prefix, codeBits);
				if (next == MAX_CODES) {
					// The table is full: start again, as ImageIO's writer does at this point.
					writeCode(CLEAR, codeBits);
					Arrays.fill(this.strings, (short) 0);
					codeBits = MIN_CODE_SIZE + 1;
					limit = (1 << codeBits) - 1;
					next = FIRST_FREE;
				}
				else {
					this.strings[2 * prefix + pixel] = (short) next;
					if (next > limit) {
						codeBits++;
						limit = (1 << codeBits) - 1;
					}
					next++;
				}
				prefix = pixel;
			}
		}
		if (prefix >= 0) {
			writeCode(prefix, codeBits);
		}
		writeCode(END, codeBits);
		if (this.bitCount > 0) {
			addByte((int) this.bitBuffer);
			this.bitBuffer = 0;
			this.bitCount = 0;
		}
		if (this.blockLength > 0) {
			writeBlock();
		}
	}

	/** Codes go low bit first into bytes, and bytes into sub-blocks of 255. */
	private void writeCode(int code, int bits) throws IOException {
		this.bitBuffer |= (long) code << this.bitCount;
		this.bitCount += bits;
		while (this.bitCount >= 8) {
			addByte((int) this.bitBuffer);
			this.bitBuffer >>>= 8;
			this.bitCount -= 8;
		}
	}

	private void addByte(int value) throws IOException {
		this.block[this.blockLength++] = (byte) value;
		if (this.blockLength == 255) {
			writeBlock();
		}
	}

	private void writeBlock() throws IOException {
		this.out.write(this.blockLength);
		this.out.write(this.block, 0, this.blockLength);
		this.blockLength = 0;
	}

	private void writeShort(int value) throws IOException {
		this.out.write(value & 0xff);
		this.out.write((value >>> 8) & 0xff);
	}

}
