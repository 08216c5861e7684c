package dev.fanout.jobs.images.http;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.regex.Pattern;

import dev.fanout.jobs.images.codec.Dimensions;
import dev.fanout.jobs.images.codec.ImageFormat;

/**
 * The name of an image in a gallery: {@code <first 16 hex digits of SHA-256(source bytes)>-<w>x<h>.<ext>}. It
 * depends only on the source and the output, so a retried or restarted upload overwrites the same name (or is found
 * by {@link Gallery#contains}) instead of adding a duplicate. Stateless.
 */
public final class GalleryName {

	/** What galleries accept: a plain file name, safe in a path and in a URL without escaping. */
	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,254}");

	private GalleryName() {
	}

	public static String of(byte[] source, Dimensions size, ImageFormat format) {
		byte[] digest;
		try {
			// A new instance per call: MessageDigest is not thread-safe.
			digest = MessageDigest.getInstance("SHA-256").digest(source);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("every JDK has SHA-256", ex);
		}
		return HexFormat.of().formatHex(digest, 0, 8) + "-" + size.width() + "x" + size.height() + "."
				+ format.extension();
	}

	/** The name, if a gallery can store it as is; otherwise an IllegalArgumentException (no "../", no "/"). */
	static String requireSafe(String name) {
		if (name == null || !SAFE.matcher(name).matches() || name.contains("..")) {
			throw new IllegalArgumentException("not a safe gallery file name: " + name);
		}
		return name;
	}

}
