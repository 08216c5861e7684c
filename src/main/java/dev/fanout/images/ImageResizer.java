package dev.fanout.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;

import javax.imageio.IIOImage;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import net.coobird.thumbnailator.Thumbnails;

/**
 * Fits JPEG and PNG images within a maximum size, upright (EXIF orientation applied), re-encoded in the format they
 * came in. Problems with an image are {@link ImageRejectedException}s with a short reason; the size is checked from
 * the header before anything is decoded, so a small file that claims billions of pixels costs nothing.
 * <p>
 * Immutable and thread-safe: every call uses its own ImageIO reader and writer.
 */
final class ImageResizer {

	/** Why a source that is no image at all is skipped; the job's summary counts these apart from the images. */
	static final String NOT_AN_IMAGE = "not a JPEG or PNG image";

	private final ResizeSettings settings;

	private final long maxPixels;

	ImageResizer(ResizeSettings settings, long maxPixels) {
		if (maxPixels <= 0) {
			throw new IllegalArgumentException("the pixel limit must be positive, not " + maxPixels);
		}
		this.settings = settings;
		this.maxPixels = maxPixels;
	}

	/** The output size of {@link #resize(byte[])} for these bytes, from the header alone. */
	Dimensions plan(byte[] encoded) throws ImageRejectedException {
		return header(encoded).outputSize(this.settings.bounds());
	}

	/** The image fitted within the settings' bounds (never scaled up), upright, in its own format. */
	ResizedImage resize(byte[] encoded) throws ImageRejectedException {
		Header header = header(encoded);
		Dimensions output = header.outputSize(this.settings.bounds());
		BufferedImage decoded = DecodedImage.read(encoded, header.format());
		if (decoded.getWidth() != header.stored().width() || decoded.getHeight() != header.stored().height()) {
			throw new ImageRejectedException("corrupt %s data (the header says %s, the pixels are %d×%d)"
				.formatted(header.format(), header.stored(), decoded.getWidth(), decoded.getHeight()));
		}
		boolean alpha = header.format() == ImageFormat.PNG && decoded.getColorModel().hasAlpha();
		Dimensions scaled = ExifOrientation.swapsSides(header.orientation()) ? output.transposed() : output;
		BufferedImage resized = scale(decoded, scaled, alpha);
		BufferedImage upright = Orientations.upright(resized, header.orientation());
		return new ResizedImage(encode(upright, header.format()), header.format(), output);
	}

	private Header header(byte[] encoded) throws ImageRejectedException {
		ImageFormat format = ImageFormat.sniff(encoded)
			.orElseThrow(() -> new ImageRejectedException(NOT_AN_IMAGE));
		Dimensions stored = DecodedImage.size(encoded, format);
		if (stored.pixels() > this.maxPixels) {
			throw new ImageRejectedException("image too large: %s pixels, the limit is %s".formatted(stored,
					String.format(Locale.ROOT, "%,d", this.maxPixels)));
		}
		int orientation = (format == ImageFormat.JPEG) ? ExifOrientation.of(encoded) : ExifOrientation.UPRIGHT;
		return new Header(format, stored, orientation);
	}

	private static BufferedImage scale(BufferedImage image, Dimensions size, boolean alpha) {
		try {
			// forceSize: the size is already computed (and must equal plan()'s); Thumbnailator only resamples.
			return Thumbnails.of(image)
				.forceSize(size.width(), size.height())
				.imageType(alpha ? BufferedImage.TYPE_INT_ARGB : BufferedImage.TYPE_INT_RGB)
				.asBufferedImage();
		}
		catch (IOException ex) {
			// In memory, from a BufferedImage: there is no I/O that could fail.
			throw new UncheckedIOException(ex);
		}
	}

	private byte[] encode(BufferedImage image, ImageFormat format) {
		ImageWriter writer = ImageCodecs.writer(format);
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
			writer.setOutput(out);
			ImageWriteParam param = writer.getDefaultWriteParam();
			if (format == ImageFormat.JPEG) {
				param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
				param.setCompressionQuality(this.settings.quality());
				if (param instanceof JPEGImageWriteParam jpeg) {
					jpeg.setOptimizeHuffmanTables(true); // a few % smaller, same pixels
				}
			}
			writer.write(null, new IIOImage(image, null, null), param);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot encode a " + format + " image in memory", ex);
		}
		finally {
			writer.dispose();
		}
		return bytes.toByteArray();
	}

	/** What the header tells: the format, the stored size, and how the pixels are turned. */
	private record Header(ImageFormat format, Dimensions stored, int orientation) {

		Dimensions outputSize(Dimensions bounds) {
			boolean turned = ExifOrientation.swapsSides(this.orientation);
			return (turned ? this.stored.transposed() : this.stored).fitWithin(bounds);
		}

	}

	/** Reading through ImageIO, with every decoder failure turned into a rejection. */
	private static final class DecodedImage {

		static Dimensions size(byte[] encoded, ImageFormat format) throws ImageRejectedException {
			ImageReader reader = ImageCodecs.reader(format);
			try (ImageInputStream in = open(reader, encoded, true)) {
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new ImageRejectedException("corrupt %s header (size %d×%d)".formatted(format, width, height));
				}
				return new Dimensions(width, height);
			}
			catch (IOException | RuntimeException ex) {
				throw corrupt(format, ex);
			}
			finally {
				reader.dispose();
			}
		}

		static BufferedImage read(byte[] encoded, ImageFormat format) throws ImageRejectedException {
			ImageReader reader = ImageCodecs.reader(format);
			DecoderWarnings warnings = new DecoderWarnings();
			reader.addIIOReadWarningListener(warnings);
			try (ImageInputStream in = open(reader, encoded, false)) {
				BufferedImage image = reader.read(0);
				warnings.throwIfDamaged(format);
				return image;
			}
			catch (IOException | RuntimeException ex) {
				// RuntimeException too: decoders throw IllegalArgumentException, CMMException… on hostile data.
				throw corrupt(format, ex);
			}
			finally {
				reader.dispose();
			}
		}

		private static ImageInputStream open(ImageReader reader, byte[] encoded, boolean ignoreMetadata) {
			// In memory: ImageIO.createImageInputStream could spill to a temporary file.
			ImageInputStream in = new MemoryCacheImageInputStream(new ByteArrayInputStream(encoded));
			reader.setInput(in, true, ignoreMetadata);
			return in;
		}

		private static ImageRejectedException corrupt(ImageFormat format, Exception ex) {
			return new ImageRejectedException(
					"corrupt or truncated %s data (%s)".formatted(format, DecoderWarnings.describe(ex)), ex);
		}

	}

}
