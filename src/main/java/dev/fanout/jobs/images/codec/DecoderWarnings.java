package dev.fanout.jobs.images.codec;

import java.util.Locale;
import javax.imageio.ImageReader;
import javax.imageio.event.IIOReadWarningListener;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Collects a decoder's warnings for one read. A JPEG decoder (libjpeg under the JDK's reader and TwelveMonkeys')
 * does not fail on missing or damaged scan data: it warns and fills the rest of the picture with grey. Those
 * warnings make the image a rejection, never a partial output. Other warnings (no ICC profile, ignored markers,
 * extraneous bytes after complete data) are logged and the image is kept.
 * <p>
 * One instance per read, on the reading thread: not shared, so not guarded.
 */
final class DecoderWarnings implements IIOReadWarningListener {

	private static final Logger logger = LoggerFactory.getLogger(DecoderWarnings.class);

	/** Lower-case fragments of the warnings that mean pixels are missing or wrong. */
	private static final String[] DAMAGE = { "premature end", "truncated", "missing eoi", "bad huffman",
			"found marker", "progression" };

	private String damage;

	@Override
	public void warningOccurred(ImageReader source, String warning) {
		String lower = String.valueOf(warning).toLowerCase(Locale.ROOT);
		for (String fragment : DAMAGE) {
			if (lower.contains(fragment)) {
				if (this.damage == null) {
					this.damage = warning;
				}
				return;
			}
		}
		logger.debug("Decoder warning, image kept: {}", warning);
	}

	void throwIfDamaged(ImageFormat format) throws ImageRejectedException {
		if (this.damage != null) {
			throw new ImageRejectedException("corrupt or truncated %s data (%s)".formatted(format, this.damage));
		}
	}

	/** The decoder's own words: the message, and the cause's when it adds something. */
	static String describe(Throwable ex) {
		String message = (ex.getMessage() != null) ? ex.getMessage() : ex.getClass().getSimpleName();
		Throwable cause = ex.getCause();
		if (cause != null && cause != ex) {
			String detail = (cause.getMessage() != null) ? cause.getMessage() : cause.getClass().getSimpleName();
			if (!message.contains(detail)) {
				message = message + ": " + detail;
			}
		}
		return message;
	}

}
