package dev.fanout.core;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The text of input files as the jobs read them and as their messages show it. Editors on Windows (Notepad, Excel's
 * "CSV UTF-8") start a UTF-8 file with a byte order mark, U+FEFF, which no one sees: it is skipped, not read as part
 * of the first line. A message that quotes input shows every character no one could see (controls, format characters
 * such as a byte order mark or a zero-width space, spaces other than the plain one) as {@code \}{@code uXXXX}, so that
 * it says what is actually wrong.
 */
public final class InputText {

	/** The byte order mark, as the first character of a UTF-8 text. */
	public static final char BOM = '\uFEFF';

	private InputText() {
	}

	/** Reads past a byte order mark at the reader's position, if there is one; the reader must be at the start. */
	public static BufferedReader skipBom(BufferedReader reader) throws IOException {
		reader.mark(1);
		if (reader.read() != BOM) {
			reader.reset();
		}
		return reader;
	}

	/** The text without a byte order mark at its start. */
	public static String withoutBom(String text) {
		return (!text.isEmpty() && text.charAt(0) == BOM) ? text.substring(1) : text;
	}

	/**
	 * The refusal of an input file that is not UTF-8 text (a decoding error while reading it): which parameter named
	 * it, and {@code expected}, what it should hold.
	 */
	public static IllegalArgumentException notText(String parameter, Path file, String expected) {
		return new IllegalArgumentException("%s=%s is not a UTF-8 text file (a binary file, or text in another encoding); %s"
			.formatted(parameter, file, expected));
	}

	/** The text with every character one cannot see written as {@code \}{@code uXXXX}. */
	public static String visible(String text) {
		StringBuilder shown = new StringBuilder(text.length());
		text.codePoints().forEach((c) -> shown.append(visible(c)));
		return shown.toString();
	}

	/** The character as a message shows it: itself, or {@code \}{@code uXXXX} if one cannot see it. */
	public static String visible(int c) {
		return invisible(c) ? "\\u%04x".formatted(c) : Character.toString(c);
	}

	private static boolean invisible(int c) {
		if (c == ' ') {
			return false;
		}
		return switch (Character.getType(c)) {
			case Character.CONTROL, Character.FORMAT, Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR,
					Character.PARAGRAPH_SEPARATOR, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED ->
				true;
			default -> false;
		};
	}

}
