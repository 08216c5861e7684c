package dev.fanout.core;

/** Parses whole-number job parameters within a range, with the message every job gives for a bad one. */
public final class WholeNumbers {

	private WholeNumbers() {
	}

	/**
	 * @throws IllegalArgumentException naming the parameter, its value and the range
	 */
	public static int parse(String parameter, String value, int min, int max) {
		try {
			int number = Integer.parseInt(value.trim());
			if (number >= min && number <= max) {
				return number;
			}
		}
		catch (NumberFormatException ex) {
			// fall through to the message below
		}
		throw new IllegalArgumentException(
				"%s=%s is not a whole number from %d to %d".formatted(parameter, value, min, max));
	}

}
