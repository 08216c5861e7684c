package dev.fanout.core;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses durations given as job parameters: {@code 0}, {@code 250ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 7d}, {@code PT30S}. */
public final class DurationText {

	private static final Pattern SIMPLE = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

	private DurationText() {
	}

	/**
	 * @throws IllegalArgumentException naming the parameter and the accepted forms
	 */
	public static Duration parse(String parameter, String value) {
		String text = value.trim().toLowerCase(Locale.ROOT);
		Matcher matcher = SIMPLE.matcher(text);
		try {
			if (matcher.matches()) {
				long amount = Long.parseLong(matcher.group(1));
				String unit = (matcher.group(2) != null) ? matcher.group(2) : (amount == 0 ? "s" : "");
				return switch (unit) {
					case "ms" -> Duration.ofMillis(amount);
					case "s" -> Duration.ofSeconds(amount);
					case "m" -> Duration.ofMinutes(amount);
					case "h" -> Duration.ofHours(amount);
					case "d" -> Duration.ofDays(amount);
					default -> throw new IllegalArgumentException();
				};
			}
			Duration duration = Duration.parse(value.trim());
			if (!duration.isNegative()) {
				return duration;
			}
		}
		catch (ArithmeticException | DateTimeParseException | IllegalArgumentException ex) {
			// fall through to the message below
		}
		throw new IllegalArgumentException(
				"%s=%s is not a duration; write it like 500ms, 30s, 2m, 1h or 7d".formatted(parameter, value));
	}

	/** {@code 250ms}, {@code 30s}: the form {@link #parse} reads. */
	public static String format(Duration duration) {
		return (duration.toMillis() % 1000 == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
