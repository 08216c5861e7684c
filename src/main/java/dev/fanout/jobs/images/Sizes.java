package dev.fanout.jobs.images;

import java.util.Locale;

/** Byte counts in words for messages. Stateless. */
final class Sizes {

	private Sizes() {
	}

	/** "20 MiB", "64 KiB", or "1,000 bytes" when it is not a whole number of either. */
	static String describe(long bytes) {
		if (bytes >= 1 << 20 && bytes % (1 << 20) == 0) {
			return (bytes >> 20) + " MiB";
		}
		if (bytes >= 1 << 10 && bytes % (1 << 10) == 0) {
			return (bytes >> 10) + " KiB";
		}
		return String.format(Locale.ROOT, "%,d bytes", bytes);
	}

}
