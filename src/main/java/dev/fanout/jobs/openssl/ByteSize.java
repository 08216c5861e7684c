package dev.fanout.jobs.openssl;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses sizes given as job parameters: {@code 1048576}, {@code 64KiB}, {@code 1MiB}, {@code 1GiB}, {@code 10kb}. */
public final class ByteSize {

	private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|k|kb|kib|m|mb|mib|g|gb|gib)?");

	private ByteSize() {
	}

	public static long parse(String parameter, String value) {
		Matcher matcher = SIZE.matcher(value.trim().toLowerCase(Locale.ROOT));
		if (matcher.matches()) {
			try {
				long amount = Long.parseLong(matcher.group(1));
				String unit = (matcher.group(2) != null) ? matcher.group(2) : "b";
				long factor = switch (unit.charAt(0)) {
					case 'k' -> 1L << 10;
					case 'm' -> 1L << 20;
					case 'g' -> 1L << 30;
					default -> 1;
				};
				return Math.multiplyExact(amount, factor);
			}
			catch (ArithmeticException | NumberFormatException ex) {
				// fall through to the message below
			}
		}
		throw new IllegalArgumentException(
				"%s=%s is not a size; write bytes or KiB/MiB/GiB, like 1048576 or 1MiB".formatted(parameter, value));
	}

}
