package dev.fanout.jobs.images.samples;

import java.awt.image.BufferedImage;
import java.awt.image.DataBuffer;
import java.awt.image.Raster;
import java.awt.image.WritableRaster;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import javax.imageio.IIOImage;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.fanout.jobs.images.codec.ImageCodecs;
import dev.fanout.jobs.images.codec.ImageFormat;

/**
 * Deterministic test and benchmark pictures: the same arguments give the same bytes. Each is a small landscape (sky,
 * sun, ground, a few houses) with a label giving its format and size, so that an output can be checked by eye and
 * JPEGs stay small. Pixels are computed with integer arithmetic, not Java2D, so they do not depend on the JDK's
 * renderer; only the encoders do.
 * <p>
 * Stateless.
 */
public final class SampleImages {

	private static final float QUALITY = 0.85f;

	private SampleImages() {
	}

	/** A {@code width × height} JPEG. */
	public static byte[] jpeg(int width, int height, long seed) {
		return encode(Scene.paint(width, height, seed, false, "JPEG"), ImageFormat.JPEG);
	}

	/** A {@code width × height} PNG whose sky fades to transparent at the top. */
	public static byte[] png(int width, int height, long seed) {
		return encode(Scene.paint(width, height, seed, true, "PNG"), ImageFormat.PNG);
	}

	/**
	 * A JPEG of a {@code width × height} upright picture stored as a camera held sideways stores it: the pixels
	 * turned a quarter counter-clockwise ({@code height × width}) and EXIF orientation 6, which tells viewers to turn
	 * them back clockwise.
	 */
	public static byte[] rotatedByCamera(int width, int height, long seed) {
		BufferedImage upright = Scene.paint(width, height, seed, false, "EXIF 6");
		BufferedImage stored = new BufferedImage(height, width, BufferedImage.TYPE_INT_RGB);
		// Orientation 6: stored row 0 is the right-hand side of the picture, stored column 0 its top.
		for (int sy = 0; sy < width; sy++) {
			for (int sx = 0; sx < height; sx++) {
				stored.setRGB(sx, sy, upright.getRGB(width - 1 - sy, sx));
			}
		}
		return withExifOrientation(encode(stored, ImageFormat.JPEG), 6);
	}

	/**
	 * A CMYK JPEG as Photoshop writes them (Adobe APP14 marker, inverted ink values), without an ICC profile: readers
	 * without CMYK support (the JDK's own) reject it.
	 */
	public static byte[] cmykJpeg(int width, int height, long seed) {
		BufferedImage rgb = Scene.paint(width, height, seed, false, "CMYK");
		WritableRaster cmyk = Raster.createInterleavedRaster(DataBuffer.TYPE_BYTE, width, height, 4, null);
		int[] ink = new int[4];
		for (int y = 0; y < height; y++) {
			for (int x = 0; x < width; x++) {
				int argb = rgb.getRGB(x, y);
				int r = argb >> 16 & 0xff;
				int g = argb >> 8 & 0xff;
				int b = argb & 0xff;
				int k = 255 - Math.max(r, Math.max(g, b));
				int rest = 255 - k;
				ink[0] = 255 - ((rest == 0) ? 0 : (rest - r) * 255 / rest);
				ink[1] = 255 - ((rest == 0) ? 0 : (rest - g) * 255 / rest);
				ink[2] = 255 - ((rest == 0) ? 0 : (rest - b) * 255 / rest);
				ink[3] = 255 - k;
				cmyk.setPixel(x, y, ink);
			}
		}
		// A raster is written without colour conversion and without JFIF/Adobe markers; the Adobe marker with
		// transform 0 is what says "CMYK, inverted" to a reader.
		byte[] adobe = { 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 0 };
		return JpegSegments.insertAfterStart(write(new IIOImage(cmyk, null, null), ImageFormat.JPEG), 0xee, adobe);
	}

	/** The JPEG with a minimal APP1 Exif segment holding only the orientation tag (1 to 8). */
	public static byte[] withExifOrientation(byte[] jpeg, int orientation) {
		if (orientation < 1 || orientation > 8) {
			throw new IllegalArgumentException("an EXIF orientation is 1 to 8, not " + orientation);
		}
		// "Exif\0\0", then TIFF: big-endian header, IFD0 at 8 with one entry (0x0112, SHORT, 1, value), no next IFD.
		byte[] exif = { 'E', 'x', 'i', 'f', 0, 0, 'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0,
				(byte) orientation, 0, 0, 0, 0, 0, 0 };
		return JpegSegments.insertAfterStart(jpeg, 0xe1, exif);
	}

	private static byte[] encode(BufferedImage image, ImageFormat format) {
		return write(new IIOImage(image, null, null), format);
	}

	private static byte[] write(IIOImage image, ImageFormat format) {
		ImageWriter writer = ImageCodecs.writer(format);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (format == ImageFormat.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(QUALITY);
			}
			writer.write(null, image, param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

}
