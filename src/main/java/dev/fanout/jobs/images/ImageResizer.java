package dev.fanout.jobs.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.plugins.jpeg.JPEGImageWriteParam;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageInputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import dev.fanout.core.Units;
import net.coobird.thumbnailator.Thumbnails;

/**
 * Fits JPEG and PNG images within a maximum size, upright (EXIF orientation applied), re-encoded in the format they
 * came in. Problems with an image are {@link ImageRejectedException}s with a short reason; the size is checked from
 * the header before anything is decoded, so a small file that claims billions of pixels costs nothing.
 * <p>
 * Memory: a source much larger than its output (at least {@value #OVERSAMPLING}× each side, twice over) is decoded
 * subsampled by ImageIO, every n-th pixel of every n-th row, keeping at least {@value #OVERSAMPLING}× the output on
 * each side for Thumbnailator to smooth; smaller ones are decoded whole, as before. A resize then waits until the
 * bytes its decoded pixels need are free in the shared {@link ResizeMemory}; an image that needs more than the whole
 * budget is rejected, naming the setting.
 * <p>
 * Immutable and thread-safe: every call uses its own ImageIO reader and writer; the memory budget is thread-safe.
 */
public final class ImageResizer {

	/** How many times the output's size, per side, a subsampled decode keeps at least. */
	static final int OVERSAMPLING = 8;

	/** Why a source that is no image at all is skipped; the job's summary counts these apart from the images. */
	static final String NOT_AN_IMAGE = "not a JPEG or PNG image";

	private final ResizeSettings settings;

	private final long maxPixels;

	private final ResizeMemory memory;

	/** With a budget of its own, half the heap (benchmarks, tests). */
	public ImageResizer(ResizeSettings settings, long maxPixels) {
		this(settings, maxPixels, ResizeMemory.ofHeap());
	}

	ImageResizer(ResizeSettings settings, long maxPixels, ResizeMemory memory) {
		if (maxPixels <= 0) {
			throw new IllegalArgumentException("the pixel limit must be positive, not " + maxPixels);
		}
		this.settings = settings;
		this.maxPixels = maxPixels;
		this.memory = memory;
	}

	/** The output size of {@link #resize(byte[])} for these bytes, from the header alone. */
	Dimensions plan(byte[] encoded) throws ImageRejectedException {
		return header(encoded).outputSize(this.settings.bounds());
	}

	/** The image fitted within the settings' bounds (never scaled up), upright, in its own format. */
	public ResizedImage resize(byte[] encoded) throws Exception {
		Header header = header(encoded);
		Dimensions output = header.outputSize(this.settings.bounds());
		Dimensions scaled = ExifOrientation.swapsSides(header.orientation()) ? output.transposed() : output;
		int step = subsampling(header.stored(), scaled);
		Dimensions decodedSize = subsampled(header.stored(), step);
		long bytes = decodeMemory(decodedSize, header.bytesPerPixel());
		if (!this.memory.fits(bytes)) {
			throw new ImageRejectedException("image too large to resize in memory: its %s pixels need about %s decoded, more than %s"
				.formatted(header.stored(), Units.bytes(bytes), this.memory.describe()));
		}
		return this.memory.run(bytes, () -> {
			BufferedImage decoded = DecodedImage.read(encoded, header.format(), step);
			if (decoded.getWidth() != decodedSize.width() || decoded.getHeight() != decodedSize.height()) {
				throw new ImageRejectedException("corrupt %s data (the header says %s, the pixels are %d×%d)".formatted(
						header.format(), header.stored(), decoded.getWidth() * step, decoded.getHeight() * step));
			}
			boolean alpha = header.format() == ImageFormat.PNG && decoded.getColorModel().hasAlpha();
			BufferedImage resized = scale(decoded, scaled, alpha);
			BufferedImage upright = Orientations.upright(resized, header.orientation());
			return new ResizedImage(encode(upright, header.format()), header.format(), output);
		});
	}

	/**
	 * Every how many pixels to decode a {@code stored} image that becomes {@code target}: 1 (all) unless the source is
	 * at least twice {@link #OVERSAMPLING} times the target on both sides, so ordinary photos decode as before.
	 */
	static int subsampling(Dimensions stored, Dimensions target) {
		int ratio = Math.min(stored.width() / target.width(), stored.height() / target.height());
		return Math.max(1, ratio / OVERSAMPLING);
	}

	private static Dimensions subsampled(Dimensions stored, int step) {
		return new Dimensions((stored.width() + step - 1) / step, (stored.height() + step - 1) / step);
	}

	/**
	 * An estimate of the heap a resize takes at its peak: twice the decoded pixels (at least 4 bytes each), for the
	 * decoded image plus Thumbnailator's intermediate image or a colour conversion.
	 */
	static long decodeMemory(Dimensions decoded, int bytesPerPixel) {
		return decoded.pixels() * Math.max(4, bytesPerPixel) * 2;
	}

	private Header header(byte[] encoded) throws ImageRejectedException {
		ImageFormat format = ImageFormat.sniff(encoded)
			.orElseThrow(() -> new ImageRejectedException(NOT_AN_IMAGE));
		Stored stored = DecodedImage.size(encoded, format);
		if (stored.size().pixels() > this.maxPixels) {
			throw new ImageRejectedException("image too large: %s pixels, the limit is %s".formatted(stored.size(),
					String.format(Locale.ROOT, "%,d", this.maxPixels)));
		}
		int orientation = (format == ImageFormat.JPEG) ? ExifOrientation.of(encoded) : ExifOrientation.UPRIGHT;
		return new Header(format, stored.size(), orientation, stored.bytesPerPixel());
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

	/**
	 * What the header tells: the format, the stored size, how the pixels are turned, and how many bytes a pixel takes
	 * as the decoder stores it.
	 */
	private record Header(ImageFormat format, Dimensions stored, int orientation, int bytesPerPixel) {

		Dimensions outputSize(Dimensions bounds) {
			boolean turned = ExifOrientation.swapsSides(this.orientation);
			return (turned ? this.stored.transposed() : this.stored).fitWithin(bounds);
		}

	}

	/** The stored size, and the bytes per pixel of the decoder's own image type (0 when it does not say). */
	private record Stored(Dimensions size, int bytesPerPixel) {

	}

	/** Reading through ImageIO, with every decoder failure turned into a rejection. */
	private static final class DecodedImage {

		static Stored size(byte[] encoded, ImageFormat format) throws ImageRejectedException {
			ImageReader reader = ImageCodecs.reader(format);
			try (ImageInputStream in = open(reader, encoded, true)) {
				int width = reader.getWidth(0);
				int height = reader.getHeight(0);
				if (width <= 0 || height <= 0) {
					throw new ImageRejectedException("corrupt %s header (size %d×%d)".formatted(format, width, height));
				}
				return new Stored(new Dimensions(width, height), bytesPerPixel(reader));
			}
			catch (IOException | RuntimeException ex) {
				throw corrupt(format, ex);
			}
			finally {
				reader.dispose();
			}
		}

		/** 16-bit PNGs take 8 bytes per RGBA pixel, not 4; 0 when the reader does not say (4 is assumed then). */
		private static int bytesPerPixel(ImageReader reader) {
			ImageTypeSpecifier type;
			try {
				type = reader.getRawImageType(0);
			}
			catch (IOException | RuntimeException ex) {
				// Only an estimate: an image the decoder can still read is not rejected for it.
				return 0;
			}
			if (type == null) {
				return 0;
			}
			int bits = 0;
			for (int size : type.getSampleModel().getSampleSize()) {
				bits += size;
			}
			return (bits + 7) / 8;
		}

		/** The image, every {@code step}-th pixel of every {@code step}-th row. */
		static BufferedImage read(byte[] encoded, ImageFormat format, int step) throws ImageRejectedException {
			ImageReader reader = ImageCodecs.reader(format);
			DecoderWarnings warnings = new DecoderWarnings();
			reader.addIIOReadWarningListener(warnings);
			try (ImageInputStream in = open(reader, encoded, false)) {
				ImageReadParam param = reader.getDefaultReadParam();
				if (step > 1) {
					param.setSourceSubsampling(step, step, 0, 0);
				}
				BufferedImage image = reader.read(0, param);
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
