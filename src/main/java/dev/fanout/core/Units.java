package dev.fanout.core;

import java.util.Locale;

/** Human-readable sizes for messages. */
public final class Units {

	private Units() {
	}

	/**
	 * 1536 → "1.5 KiB", 65536 → "64 KiB" (a whole number of the unit, as a limit is usually set, shows no decimal);
	 * bytes below 1 KiB stay exact: "1000 B".
	 */
	public static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
		int unit = Math.min(units.length, (63 - Long.numberOfLeadingZeros(bytes)) / 10) - 1;
		long whole = 1L << (10 * (unit + 1));
		if (bytes % whole == 0) {
			return (bytes / whole) + " " + units[unit];
		}
		return String.format(Locale.ROOT, "%.1f %s", bytes / (double) whole, units[unit]);
	}

}
