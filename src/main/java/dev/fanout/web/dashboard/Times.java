package dev.fanout.web.dashboard;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

import org.jspecify.annotations.Nullable;

/**
 * Times on the dashboard's pages with their offset ({@code 2026-11-22 05:01:55 +01:00}): the repository keeps local
 * times of the server's zone, which a visitor in another zone could not place without it.
 */
public final class Times {

	private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss xxx");

	private Times() {
	}

	/** The time as shown, or {@code otherwise} when there is none. */
	public static String format(@Nullable LocalDateTime time, String otherwise) {
		return (time != null) ? SHOWN.format(time.atZone(ZoneId.systemDefault())) : otherwise;
	}

	/**
	 * A time with its own offset, as shown: a schedule's next fire times, in its zone, to the second (to the minute,
	 * the three next firings of a schedule every few seconds looked the same).
	 */
	public static String format(OffsetDateTime time) {
		return SHOWN.format(time);
	}

	/** The time for a {@code <time datetime>} attribute: ISO-8601 with the offset. */
	public static String iso(@Nullable LocalDateTime time) {
		return (time != null) ? DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time.atZone(ZoneId.systemDefault())) : "";
	}

}
