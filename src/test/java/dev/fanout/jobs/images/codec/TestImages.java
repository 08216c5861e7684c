package dev.fanout.jobs.images.codec;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;
import java.util.zip.DeflaterOutputStream;
import javax.imageio.ImageIO;

/** Small images built for one test, and decoding helpers. */
public final class TestImages {

	public static final int RED = 0xff0000;

	public static final int GREEN = 0x00ff00;

	public static final int BLUE = 0x0000ff;

	public static final int WHITE = 0xffffff;

	private TestImages() {
	}

	/** A JPEG in four solid quadrants: top-left red, top-right green, bottom-left blue, bottom-right white. */
	public static byte[] quadrants(int width, int height) {
		BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				boolean top = y < height / 2;
				boolean left = x < width / 2;
				image.setRGB(x, y, top ? (left ? RED : GREEN) : (left ? BLUE : WHITE));
			}
		}
		return write(image, "jpeg");
	}

	public static byte[] write(BufferedImage image, String format) {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		try {
			if (!ImageIO.write(image, format, out)) {
				throw new IllegalStateException("no writer for " + format);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toByteArray();
	}

	/** Decodes with whatever ImageIO reader comes first (TwelveMonkeys' for JPEG once registered). */
	public static BufferedImage decode(byte[] encoded) {
		try {
			BufferedImage image = ImageIO.read(new ByteArrayInputStream(encoded));
			if (image == null) {
				throw new IllegalStateException("not an image");
			}
			return image;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Whether two 0xRRGGBB colours differ by at most {@code tolerance} in every channel. */
	public static boolean near(int actual, int expected, int tolerance) {
		for (int shift = 0; shift <= 16; shift += 8) {
			if (Math.abs((actual >> shift & 0xff) - (expected >> shift & 0xff)) > tolerance) {
				return false;
			}
		}
		return true;
	}

	/** A PNG with only a signature and an IHDR chunk announcing that size: its header alone is valid. */
	public static byte[] pngHeader(int width, int height) {
		ByteBuffer ihdr = ByteBuffer.allocate(17);
		ihdr.put("IHDR".getBytes(StandardCharsets.US_ASCII)).putInt(width).putInt(height);
		ihdr.put((byte) 8).put((byte) 6).put((byte) 0).put((byte) 0).put((byte) 0);
		CRC32 crc = new CRC32();
		crc.update(ihdr.array());
		ByteBuffer png = ByteBuffer.allocate(8 + 4 + 17 + 4);
		png.put(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		png.putInt(13).put(ihdr.array()).putInt((int) crc.getValue());
		return png.array();
	}

	/**
	 * A whole RGBA PNG of one colour, written row by row: a 7000×7000 one is about 190 KB, yet decodes to 196 MB. The
	 * image is never held in memory.
	 */
	public static byte[] flatPng(int width, int height, int rgba) throws IOException {
		return flatPng(width, height, rgba, 8);
	}

	/** The same with 8 or 16 bits per sample (each 16-bit sample repeats the 8-bit one). */
	public static byte[] flatPng(int width, int height, int rgba, int bitDepth) throws IOException {
		int bytesPerSample = bitDepth / 8;
		byte[] row = new byte[1 + 4 * bytesPerSample * width]; // filter type 0, then the pixels
		for (int i = 1; i < row.length; i++) {
			int band = ((i - 1) / bytesPerSample) % 4;
			row[i] = (byte) (rgba >>> (24 - 8 * band));
		}
		ByteArrayOutputStream idat = new ByteArrayOutputStream();
		try (DeflaterOutputStream deflated = new DeflaterOutputStream(idat)) {
			for (int y = 0; y < height; y++) {
				deflated.write(row);
			}
		}
		ByteArrayOutputStream png = new ByteArrayOutputStream();
		png.write(new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });
		chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(width).putInt(height).put((byte) bitDepth).put((byte) 6)
			.put(new byte[3]).array());
		chunk(png, "IDAT", idat.toByteArray());
		chunk(png, "IEND", new byte[0]);
		return png.toByteArray();
	}

	private static void chunk(ByteArrayOutputStream png, String type, byte[] data) {
		ByteBuffer chunk = ByteBuffer.allocate(12 + data.length);
		chunk.putInt(data.length).put(type.getBytes(StandardCharsets.US_ASCII)).put(data);
		CRC32 crc = new CRC32();
		crc.update(chunk.array(), 4, 4 + data.length);
		chunk.putInt((int) crc.getValue());
		png.writeBytes(chunk.array());
	}

	/** The number of colour components in a JPEG's baseline frame header: 3 for YCbCr, 4 for CMYK or YCCK. */
	public static int jpegComponents(byte[] jpeg) {
		return jpeg[sof0(jpeg) + 9] & 0xff;
	}

	private static int sof0(byte[] jpeg) {
		for (int i = 2; i + 9 < jpeg.length; i++) {
			if ((jpeg[i] & 0xff) == 0xff && (jpeg[i + 1] & 0xff) == 0xc0) {
				return i;
			}
		}
		throw new IllegalArgumentException("no SOF0 segment");
	}

	/** The JPEG with the size in its SOF0 (baseline) header replaced: what a decompression bomb looks like. */
	public static byte[] withJpegSize(byte[] jpeg, int width, int height) {
		byte[] patched = jpeg.clone();
		int sof = sof0(patched);
		patched[sof + 5] = (byte) (height >> 8);
		patched[sof + 6] = (byte) height;
		patched[sof + 7] = (byte) (width >> 8);
		patched[sof + 8] = (byte) width;
		return patched;
	}

}
