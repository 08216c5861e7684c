package dev.fanout.jobs.images.codec;

import java.nio.charset.StandardCharsets;

/**
 * The EXIF orientation tag (0x0112) of a JPEG, read from its APP1 "Exif" segment without decoding anything: 1 is
 * upright, 2–4 are mirrored or turned half way, 5–8 are turned a quarter (width and height swap). Anything missing,
 * unknown or malformed counts as 1: a broken tag must not reject an otherwise good image.
 * <p>
 * Stateless.
 */
final class ExifOrientation {

	static final int UPRIGHT = 1;

	private static final int ORIENTATION_TAG = 0x0112;

	private static final int TYPE_SHORT = 3;

	private static final byte[] EXIF_HEADER = "Exif\0\0".getBytes(StandardCharsets.ISO_8859_1);

	private ExifOrientation() {
	}

	/** Whether the orientation turns the image a quarter, so that the displayed width is the stored height. */
	static boolean swapsSides(int orientation) {
		return orientation >= 5 && orientation <= 8;
	}

	/** The orientation of a JPEG, 1 to 8; 1 for anything else. */
	static int of(byte[] jpeg) {
		if (jpeg.length < 4 || (jpeg[0] & 0xff) != 0xff || (jpeg[1] & 0xff) != 0xd8) {
			return UPRIGHT;
		}
		int position = 2;
		// Segments before the scan: FF, marker, 2-byte length (which counts itself), payload.
		while (position + 4 <= jpeg.length && (jpeg[position] & 0xff) == 0xff) {
			int marker = jpeg[position + 1] & 0xff;
			if (marker == 0xff) {
				position++; // fill byte
				continue;
			}
			if (marker == 0xda || marker == 0xd9) {
				break; // start of scan or end of image: no more metadata
			}
			int length = u16(jpeg, position + 2, true);
			int payload = position + 4;
			if (length < 2 || payload + length - 2 > jpeg.length) {
				break;
			}
			if (marker == 0xe1 && startsWith(jpeg, payload, EXIF_HEADER)) {
				return fromTiff(jpeg, payload + EXIF_HEADER.length, payload + length - 2);
			}
			position = payload + length - 2;
		}
		return UPRIGHT;
	}

	/** Reads the tag from the first IFD of the TIFF structure in {@code data[start, end)}. */
	private static int fromTiff(byte[] data, int start, int end) {
		if (end - start < 8) {
			return UPRIGHT;
		}
		boolean bigEndian;
		if (data[start] == 'M' && data[start + 1] == 'M') {
			bigEndian = true;
		}
		else if (data[start] == 'I' && data[start + 1] == 'I') {
			bigEndian = false;
		}
		else {
			return UPRIGHT;
		}
		long ifd = start + u32(data, start + 4, bigEndian);
		if (ifd < start || ifd + 2 > end) {
			return UPRIGHT;
		}
		int entries = u16(data, (int) ifd, bigEndian);
		for (int i = 0; i < entries; i++) {
			int entry = (int) ifd + 2 + i * 12;
			if (entry + 12 > end) {
				break;
			}
			if (u16(data, entry, bigEndian) == ORIENTATION_TAG && u16(data, entry + 2, bigEndian) == TYPE_SHORT) {
				int value = u16(data, entry + 8, bigEndian);
				return (value >= 1 && value <= 8) ? value : UPRIGHT;
			}
		}
		return UPRIGHT;
	}

	private static boolean startsWith(byte[] data, int offset, byte[] prefix) {
		if (offset + prefix.length > data.length) {
			return false;
		}
		for (int i = 0; i < prefix.length; i++) {
			if (data[offset + i] != prefix[i]) {
				return false;
			}
		}
		return true;
	}

	private static int u16(byte[] data, int offset, boolean bigEndian) {
		int a = data[offset] & 0xff;
		int b = data[offset + 1] & 0xff;
		return bigEndian ? (a << 8 | b) : (b << 8 | a);
	}

	private static long u32(byte[] data, int offset, boolean bigEndian) {
		long high = u16(data, offset + (bigEndian ? 0 : 2), bigEndian);
		long low = u16(data, offset + (bigEndian ? 2 : 0), bigEndian);
		return high << 16 | low;
	}

}
