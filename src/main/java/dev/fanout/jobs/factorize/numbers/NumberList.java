package dev.fanout.jobs.factorize.numbers;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import dev.fanout.core.InputText;

/**
 * Parses the numbers to factorize: a comma-separated list ({@code numbers=...}) or a UTF-8 text file with one number
 * per line, where blank lines and {@code #} comments are ignored, and so is a byte order mark at its start. Every
 * error names the bad value, with any character one cannot see escaped, and where it is.
 */
public final class NumberList {

	private static final Pattern DIGITS = Pattern.compile("[+-]?[0-9]+");

	private NumberList() {
	}

	/** Parses {@code numbers=2139079,1214759,...}. */
	public static List<Long> parseList(String list) {
		if (list.isBlank()) {
			throw new IllegalArgumentException("numbers= is empty; give numbers like numbers=2139079,1214759");
		}
		List<Long> numbers = new ArrayList<>();
		String[] values = list.split(",", -1);
		for (int i = 0; i < values.length; i++) {
			numbers.add(parse(values[i].trim(), "numbers: value " + (i + 1)));
		}
		return numbers;
	}

	/**
	 * Reads {@code file=}: a UTF-8 text file, one number per line.
	 * @throws IllegalArgumentException naming the file and what it should be when it is not UTF-8 text
	 */
	public static List<Long> parseFile(Path file) throws IOException {
		try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return parseLines(reader, file.getFileName().toString());
		}
		catch (CharacterCodingException ex) {
			throw InputText.notText("file", file, "give a text file with one positive whole number per line");
		}
	}

	/** Parses a file's content, one number per line. */
	public static List<Long> parseLines(Reader reader, String source) throws IOException {
		List<Long> numbers = new ArrayList<>();
		BufferedReader lines = InputText.skipBom(new BufferedReader(reader));
		int lineNumber = 0;
		for (String line = lines.readLine(); line != null; line = lines.readLine()) {
			lineNumber++;
			int comment = line.indexOf('#');
			String value = ((comment >= 0) ? line.substring(0, comment) : line).trim();
			if (!value.isEmpty()) {
				numbers.add(parse(value, source + " line " + lineNumber));
			}
		}
		return requireSome(numbers, source + " holds no numbers; put one positive whole number on each line");
	}

	private static long parse(String value, String where) {
		if (value.isEmpty()) {
			throw new IllegalArgumentException(where + " is empty; expected a positive whole number");
		}
		if (!DIGITS.matcher(value).matches()) {
			throw new IllegalArgumentException("%s: '%s' is not a whole number".formatted(where, InputText.visible(value)));
		}
		if (value.startsWith("-")) {
			throw new IllegalArgumentException("%s: %s is not positive; give numbers of 1 or more".formatted(where, value));
		}
		long number;
		try {
			number = Long.parseLong(value.startsWith("+") ? value.substring(1) : value);
		}
		catch (NumberFormatException ex) {
			throw new IllegalArgumentException("%s: %s is too large; the largest supported number is %d"
				.formatted(where, value, Long.MAX_VALUE));
		}
		if (number < 1) {
			throw new IllegalArgumentException("%s: %s is not positive; give numbers of 1 or more".formatted(where, value));
		}
		return number;
	}

	private static List<Long> requireSome(List<Long> numbers, String message) {
		if (numbers.isEmpty()) {
			throw new IllegalArgumentException(message);
		}
		return numbers;
	}

}
