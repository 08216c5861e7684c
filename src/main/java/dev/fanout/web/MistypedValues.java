package dev.fanout.web;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;

import org.jspecify.annotations.Nullable;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * What the API and the dashboard answer to a query or path value of the wrong type ({@code /api/executions/abc},
 * {@code page=99999999999}): which value, and what to give instead; and to a query or form body that does not
 * decode. The value comes from the network: it is shown shortened and without control characters ({@link #shown}).
 */
public final class MistypedValues {

	private static final int SHOWN = 40;

	/**
	 * A query with a value whose percent-encoding is not UTF-8, which Tomcat refuses to decode when a handler first
	 * asks for a parameter ({@code InvalidParameterException}): answered 500 before. The value is not shown: Tomcat
	 * no longer has it as sent.
	 */
	public static final String UNDECODABLE = "a value in the query is not percent-encoded UTF-8 (such as %ff or %zz): "
			+ "encode every value as UTF-8, e.g. \u00e9 as %C3%A9";

	/** The same of a form body ({@code application/x-www-form-urlencoded}), which Tomcat decodes with the query. */
	public static final String UNDECODABLE_FORM = "a value in the form body is not percent-encoded UTF-8 (such as %ff "
			+ "or %zz): encode every value as UTF-8, e.g. \u00e9 as %C3%A9";

	private MistypedValues() {
	}

	/**
	 * What to say of the parameters Tomcat could not decode: its exception does not say whether they came from the
	 * query or from a form body, so a query that decodes means the body.
	 */
	public static String undecodable(HttpServletRequest request) {
		return decodes(request.getQueryString()) ? UNDECODABLE_FORM : UNDECODABLE;
	}

	/** Whether every name and value of a raw query is percent-encoded UTF-8 ({@code +} a space). */
	static boolean decodes(@Nullable String query) {
		if (query == null) {
			return true;
		}
		for (String part : query.split("[&=]")) {
			ByteArrayOutputStream bytes = new ByteArrayOutputStream();
			for (int i = 0; i < part.length(); i++) {
				char c = part.charAt(i);
				if (c != '%') {
					bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
				}
				else if (i + 2 < part.length() && HexFormat.isHexDigit(part.charAt(i + 1))
						&& HexFormat.isHexDigit(part.charAt(i + 2))) {
					bytes.write(HexFormat.fromHexDigits(part, i + 1, i + 3));
					i += 2;
				}
				else {
					return false;
				}
			}
			try {
				// A new decoder each time: it reports malformed input (String's constructor would replace it).
				StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes.toByteArray()));
			}
			catch (CharacterCodingException ex) {
				return false;
			}
		}
		return true;
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
