package dev.fanout.jobs.images.codec;

import java.util.Iterator;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriter;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * ImageIO readers and writers, with TwelveMonkeys' JPEG plugin (CMYK, YCCK, ICC profiles) registered.
 * <p>
 * ImageIO finds plugins once, when it is first used, through the thread context class loader of that moment. In a
 * Spring Boot fat jar the plugin jars are visible only to the launcher's class loader, so if ImageIO is first touched
 * on a thread whose context class loader is the system one (a ForkJoinPool thread, for one), TwelveMonkeys is never
 * registered and CMYK JPEGs fail. {@link Registration} scans again, once, with the class loader that loaded this
 * class (which sees the plugins, since it loaded us from the same jar), whatever thread comes first.
 * <p>
 * Stateless apart from that one-time registration; the readers and writers it returns are new instances, each for
 * one thread.
 */
public final class ImageCodecs {

	private static final Logger logger = LoggerFactory.getLogger(ImageCodecs.class);

	private static final String TWELVEMONKEYS = "com.twelvemonkeys.";

	private ImageCodecs() {
	}

	/** A new reader for the format; JPEG's is TwelveMonkeys'. The caller disposes of it. */
	static ImageReader reader(ImageFormat format) {
		Registration.ensure();
		Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName(formatName(format));
		ImageReader first = null;
		while (readers.hasNext()) {
			ImageReader reader = readers.next();
			if (format != ImageFormat.JPEG || reader.getClass().getName().startsWith(TWELVEMONKEYS)) {
				return reader;
			}
			first = (first != null) ? first : reader;
		}
		// Registration checked that TwelveMonkeys is there; another format must still have its JDK reader.
		throw new IllegalStateException("no ImageIO reader for " + format + " (found " + first + ")");
	}

	/** A new writer for the format. The caller disposes of it. */
	public static ImageWriter writer(ImageFormat format) {
		Registration.ensure();
		Iterator<ImageWriter> writers = ImageIO.getImageWritersByFormatName(formatName(format));
		if (!writers.hasNext()) {
			throw new IllegalStateException("no ImageIO writer for " + format);
		}
		return writers.next();
	}

	/** The class name of the reader that decodes JPEGs, to check (and report) which plugin is in use. */
	static String jpegReaderName() {
		ImageReader reader = reader(ImageFormat.JPEG);
		try {
			return reader.getClass().getName();
		}
		finally {
			reader.dispose();
		}
	}

	private static String formatName(ImageFormat format) {
		return switch (format) {
			case JPEG -> "jpeg";
			case PNG -> "png";
		};
	}

	/** Holder idiom: the JVM runs the static initializer exactly once, under its class-init lock, on first use. */
	private static final class Registration {

		static {
			Thread thread = Thread.currentThread();
			ClassLoader previous = thread.getContextClassLoader();
			thread.setContextClassLoader(ImageCodecs.class.getClassLoader());
			try {
				ImageIO.scanForPlugins();
			}
			finally {
				thread.setContextClassLoader(previous);
			}
			if (!hasTwelveMonkeysJpegReader()) {
				throw new IllegalStateException("TwelveMonkeys' JPEG reader is not registered with ImageIO "
						+ "(is com.twelvemonkeys.imageio:imageio-jpeg on the class path?): CMYK JPEGs would fail");
			}
			logger.debug("ImageIO plugins scanned with {}", ImageCodecs.class.getClassLoader());
		}

		private static boolean hasTwelveMonkeysJpegReader() {
			Iterator<ImageReader> readers = ImageIO.getImageReadersByFormatName("jpeg");
			while (readers.hasNext()) {
				if (readers.next().getClass().getName().startsWith(TWELVEMONKEYS)) {
					return true;
				}
			}
			return false;
		}

		static void ensure() {
			// Calling a static method is what triggers the initializer above; nothing else to do.
		}

	}

}
