package dev.fanout.web;

import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the API and the dashboard answer to a query or path value of the wrong type ({@code /api/executions/abc},
 * {@code page=99999999999}): which value, and what to give instead. The value comes from the network: it is shown
 * shortened and without control characters ({@link #shown}).
 */
public final class MistypedValues {

	private static final int SHOWN = 40;

	private MistypedValues() {
	}

	public static String describe(MethodArgumentTypeMismatchException mismatch) {
		Class<?> type = mismatch.getRequiredType();
		String expected;
		if (type == int.class || type == Integer.class) {
			expected = "a whole number up to " + Integer.MAX_VALUE;
		}
		else if (type == long.class || type == Long.class) {
			expected = "a whole number up to " + Long.MAX_VALUE;
		}
		else {
			expected = "a " + ((type != null) ? type.getSimpleName() : "value of another type");
		}
		return "%s='%s' is not valid: give %s".formatted(mismatch.getName(), shown(mismatch.getValue()), expected);
	}

	/** A value from the network as a message shows it: at most 40 characters, control characters replaced. */
	public static String shown(Object value) {
		String text = String.valueOf(value).replaceAll("\\p{Cntrl}", "?");
		return (text.length() > SHOWN) ? text.substring(0, SHOWN) + "..." : text;
	}

}
