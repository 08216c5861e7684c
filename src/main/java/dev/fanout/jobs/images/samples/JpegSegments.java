package dev.fanout.jobs.images.samples;

import dev.fanout.jobs.images.codec.ImageFormat;

/** Inserts marker segments into JPEG data, for the sample generators. Stateless. */
final class JpegSegments {

	private JpegSegments() {
	}

	/**
	 * The JPEG with a segment {@code FF marker length payload} after the start of image and its JFIF APP0 segment
	 * if any (JFIF requires APP0 to come first).
	 */
	static byte[] insertAfterStart(byte[] jpeg, int marker, byte[] payload) {
		if (ImageFormat.sniff(jpeg).orElse(null) != ImageFormat.JPEG) {
			throw new IllegalArgumentException("not a JPEG");
		}
		int at = 2;
		if ((jpeg[2] & 0xff) == 0xff && (jpeg[3] & 0xff) == 0xe0) {
			at = 4 + ((jpeg[4] & 0xff) << 8 | (jpeg[5] & 0xff));
		}
		int length = payload.length + 2;
		byte[] result = new byte[jpeg.length + 2 + length];
		System.arraycopy(jpeg, 0, result, 0, at);
		result[at] = (byte) 0xff;
		result[at + 1] = (byte) marker;
		result[at + 2] = (byte) (length >> 8);
		result[at + 3] = (byte) length;
		System.arraycopy(payload, 0, result, at + 4, payload.length);
		System.arraycopy(jpeg, at, result, at + 4 + payload.length, jpeg.length - at);
		return result;
	}

}
