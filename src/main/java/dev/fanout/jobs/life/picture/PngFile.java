package dev.fanout.jobs.life.picture;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import dev.fanout.core.AtomicFiles;

/**
 * Writes a {@link Bitmap} as a PNG: palette colour type, one bit per pixel, each row with the filter whose output has
 * the smallest sum of absolute differences (the first of equals), zlib at level 4, IDAT chunks of 32 KiB. These are
 * the choices of the JDK's ImageIO PNG writer, which wrote these files before, so the bytes are the same as ever;
 * written directly because ImageIO's start-up (its plugin registry, AWT's colour models) cost more than the picture.
 */
final class PngFile {

	private static final byte[] SIGNATURE = { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };

	private static final int IDAT_LENGTH = 32768;

	private static final int LEVEL = 4;

	private PngFile() {
	}

	/** Writes the bitmap in {@code palette}'s two colours (RGB triples, dead first), atomically. */
	static void write(Path file, Bitmap bitmap, byte[] palette) throws IOException {
		byte[] png = encode(bitmap, palette);
		AtomicFiles.writeBytes(file, (channel) -> {
			OutputStream out = Channels.newOutputStream(channel);
			out.write(png);
			out.flush();
		});
	}

	static byte[] encode(Bitmap bitmap, byte[] palette) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(SIGNATURE);
		byte[] header = new byte[13];
		putInt(header, 0, bitmap.width());
		putInt(header, 4, bitmap.height());
		header[8] = 1; // bit depth
		header[9] = 3; // colour type: palette; compression, filter method and interlace stay 0
		chunk(out, "IHDR", header, 0, header.length);
		chunk(out, "PLTE", palette, 0, palette.length);
		byte[] compressed = deflate(bitmap);
		for (int offset = 0; offset < compressed.length; offset += IDAT_LENGTH) {
			chunk(out, "IDAT", compressed, offset, Math.min(IDAT_LENGTH, compressed.length - offset));
		}
		chunk(out, "IEND", new byte[0], 0, 0);
		return out.toByteArray();
	}

	/** Each row filtered after its filter type byte, as one zlib stream. */
	private static byte[] deflate(Bitmap bitmap) {
		int stride = bitmap.stride();
		byte[] raw = new byte[(stride + 1) * bitmap.height()];
		byte[] none = new byte[stride];
		for (int y = 0; y < bitmap.height(); y++) {
			filter(bitmap.bits(), y * stride, (y == 0) ? none : bitmap.bits(), (y == 0) ? 0 : (y - 1) * stride, stride,
					raw, y * (stride + 1));
		}
		Deflater deflater = new Deflater(LEVEL);
		try {
			deflater.setInput(raw);
			deflater.finish();
			ByteArrayOutputStream out = new ByteArrayOutputStream(Math.max(64, raw.length / 8));
			byte[] buffer = new byte[8192];
			while (!deflater.finished()) {
				out.write(buffer, 0, deflater.deflate(buffer));
			}
			return out.toByteArray();
		}
		finally {
			deflater.end();
		}
	}

	/** Filter types: none, sub, up, average, Paeth; one byte per pixel here, so "left" is the byte before. */
	private static final int FILTERS = 5;

	/**
	 * Writes the filter type and the filtered row at {@code target[at]}: the type whose bytes, read as differences
	 * from 0 to 255 (not as signed bytes), add up to the least.
	 */
	private static void filter(byte[] rows, int row, byte[] previous, int up, int stride, byte[] target, int at) {
		if (isZero(rows, row, stride) && isZero(previous, up, stride)) {
			return; // every filter gives zeros, so the first, none: the target's zeros already say so
		}
		long[] badness = new long[FILTERS];
		for (int i = 0; i < stride; i++) {
			for (int type = 0; type < FILTERS; type++) {
				badness[type] += Math.abs(difference(type, rows, row, previous, up, i));
			}
		}
		int best = 0;
		for (int type = 1; type < FILTERS; type++) {
			if (badness[type] < badness[best]) {
				best = type;
			}
		}
		target[at] = (byte) best;
		for (int i = 0; i < stride; i++) {
			target[at + 1 + i] = (byte) difference(best, rows, row, previous, up, i);
		}
	}

	private static boolean isZero(byte[] bytes, int from, int length) {
		for (int i = from; i < from + length; i++) {
			if (bytes[i] != 0) {
				return false;
			}
		}
		return true;
	}

	private static int difference(int type, byte[] rows, int row, byte[] previous, int up, int i) {
		int current = rows[row + i] & 0xff;
		int left = (i == 0) ? 0 : rows[row + i - 1] & 0xff;
		int above = previous[up + i] & 0xff;
		int aboveLeft = (i == 0) ? 0 : previous[up + i - 1] & 0xff;
		return switch (type) {
			case 0 -> current;
			case 1 -> current - left;
			case 2 -> current - above;
			case 3 -> current - (left + above) / 2;
			default -> current - paeth(left, above, aboveLeft);
		};
	}

	private static int paeth(int left, int above, int aboveLeft) {
		int estimate = left + above - aboveLeft;
		int toLeft = Math.abs(estimate - left);
		int toAbove = Math.abs(estimate - above);
		int toAboveLeft = Math.abs(estimate - aboveLeft);
		if (toLeft <= toAbove && toLeft <= toAboveLeft) {
			return left;
		}
		return (toAbove <= toAboveLeft) ? above : aboveLeft;
	}

	private static void chunk(ByteArrayOutputStream out, String type, byte[] data, int offset, int length) {
		byte[] name = type.getBytes(StandardCharsets.US_ASCII);
		byte[] word = new byte[4];
		putInt(word, 0, length);
		out.write(word, 0, 4);
		out.write(name, 0, 4);
		out.write(data, offset, length);
		CRC32 crc = new CRC32();
		crc.update(name);
		crc.update(data, offset, length);
		putInt(word, 0, (int) crc.getValue());
		out.write(word, 0, 4);
	}

	private static void putInt(byte[] target, int offset, int value) {
		target[offset] = (byte) (value >>> 24);
		target[offset + 1] = (byte) (value >>> 16);
		target[offset + 2] = (byte) (value >>> 8);
		target[offset + 3] = (byte) value;
	}

}
