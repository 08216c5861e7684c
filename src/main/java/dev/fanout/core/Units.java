package dev.fanout.core;

import java.util.Locale;

/** Human-readable sizes for messages. */
public final class Units {

	private Units() {
	}

	/** 1536 → "1.5 KiB"; bytes below 1 KiB stay exact. */
	public static String bytes(long bytes) {
		if (bytes < 1024) {
			return bytes + " B";
		}
		String[] units = { "KiB", "MiB", "GiB", "TiB", "PiB", "EiB" };
		double value = bytes;
		int unit = -1;
		while (value >= 1024 && unit < units.length - 1) {
			value /= 1024;
			unit++;
		}
		return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
	}

}
