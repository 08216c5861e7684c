package dev.fanout.jobs.images.codec;

import java.util.Optional;

/** The formats the images job reads and writes; an image is re-encoded in the format it came in. */
public enum ImageFormat {

	JPEG("jpg", "image/jpeg", new byte[] { (byte) 0xff, (byte) 0xd8, (byte) 0xff }),

	PNG("png", "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' });

	private final String extension;

	private final String mediaType;

	private final byte[] magic;

	ImageFormat(String extension, String mediaType, byte[] magic) {
		this.extension = extension;
		this.mediaType = mediaType;
		this.magic = magic;
	}

	public String extension() {
		return this.extension;
	}

	public String mediaType() {
		return this.mediaType;
	}

	/** The format that the first bytes announce, whatever a file name or Content-Type claims. */
	public static Optional<ImageFormat> sniff(byte[] data) {
		for (ImageFormat format : values()) {
			if (startsWith(data, format.magic)) {
				return Optional.of(format);
			}
		}
		return Optional.empty();
	}

	private static boolean startsWith(byte[] data, byte[] prefix) {
		if (data.length < prefix.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

}
