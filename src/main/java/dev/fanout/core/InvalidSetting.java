package dev.fanout.core;

/**
 * A setting that its properties refuse as they are bound ({@code fanout.recovery.heartbeat=0s}), naming it and what it
 * takes: a start that fails on it says so in one line with the value as given and its environment variable, and exits
 * with code 2 ({@code dev.fanout.cli.SettingFailures}).
 */
public class InvalidSetting extends IllegalArgumentException {

	private final String property;

	private final String value;

	private final String expected;

	/**
	 * @param property the setting's name, e.g. {@code fanout.recovery.heartbeat}
	 * @param value the value as bound, said when the environment does not have it as given (a default)
	 * @param expected what it takes, e.g. {@code a positive duration, e.g. 5s}
	 */
	public InvalidSetting(String property, Object value, String expected) {
		super("%s=%s: expected %s".formatted(property, text(value), expected));
		this.property = property;
		this.value = text(value);
		this.expected = expected;
	}

	public String property() {
		return this.property;
	}

	public String value() {
		return this.value;
	}

	public String expected() {
		return this.expected;
	}

	/** Durations as settings are written ({@code 5s}), not as {@code PT5S}. */
	private static String text(Object value) {
		return (value instanceof java.time.Duration duration) ? DurationText.format(duration) : String.valueOf(value);
	}

}
