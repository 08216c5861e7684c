package dev.fanout.web;

import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

/**
 * What the API and the dashboard answer to a query or path value of the wrong type ({@code /api/executions/abc},
 * {@code page=99999999999}): which value, and what to give instead. The value comes from the network: it is shown
 * shortened and without control characters ({@link #shown}).
 */
public final class MistypedValues {

	private static final int SHOWN = 40;

	/**
	 * A query (or form) with a value whose percent-encoding is not UTF-8, which Tomcat refuses to decode when a
	 * handler first asks for a parameter ({@code InvalidParameterException}): answered 500 before. The value is not
	 * shown: Tomcat no longer has it as sent.
	 */
	public static final String UNDECODABLE = "a value in the query is not percent-encoded UTF-8 (such as %ff or %zz): "
			+ "encode every value as UTF-8, e.g. \u00e9 as %C3%A9";

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
