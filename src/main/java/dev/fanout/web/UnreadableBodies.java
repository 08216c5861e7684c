package dev.fanout.web;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What the API answers to a request body it cannot read ({@code {"newInstance": "maybe"}}, a parameter given as a
 * list, a field it does not know, no JSON at all), instead of Spring's "Failed to read request": which field, and
 * what to give. The body is never echoed; a field's name comes from it, so it is shown as {@link MistypedValues#shown}
 * shows a value.
 */
final class UnreadableBodies {

	/** The body of a launch, the API's one request with a body. */
	static final String EXAMPLE = "{\"parameters\": {\"threads\": \"2\"}, \"newInstance\": true}";

	/** Jackson's message for a field given twice ({@link DuplicateKeysRefused}). */
	private static final Pattern DUPLICATE = Pattern.compile("Duplicate Object property \"(.*)\"");

	private UnreadableBodies() {
	}

	static String describe(HttpMessageNotReadableException unreadable) {
		if (unreadable.getCause() instanceof StreamReadException read && read.getOriginalMessage() != null) {
			Matcher duplicate = DUPLICATE.matcher(read.getOriginalMessage());
			if (duplicate.matches()) {
				String path = read.getPath().isEmpty() ? "" : field(read) + ".";
				return "the body gives \"%s\" twice: give it once".formatted(MistypedValues.shown(path + duplicate.group(1)));
			}
		}
		if (unreadable.getCause() instanceof UnrecognizedPropertyException unknown) {
			String known = Objects.requireNonNullElse(unknown.getKnownPropertyIds(), List.of())
				.stream()
				.map((id) -> "\"" + id + "\"")
				.sorted()
				.collect(Collectors.joining(" and "));
			return "the body has no field \"%s\": it takes %s, e.g. %s".formatted(MistypedValues.shown(field(unknown)),
					known, EXAMPLE);
		}
		if (unreadable.getCause() instanceof MismatchedInputException mismatch && !mismatch.getPath().isEmpty()) {
			return "the body's \"%s\" is not valid: give %s".formatted(MistypedValues.shown(field(mismatch)),
					expected(mismatch.getTargetType()));
		}
		String what = (unreadable.getCause() instanceof MismatchedInputException) ? "not a JSON object"
				: (unreadable.getCause() instanceof JacksonException) ? "not valid JSON" : "unreadable";
		return "the request body is %s: give a JSON object such as %s".formatted(what, EXAMPLE);
	}

	private static String expected(@Nullable Class<?> type) {
		if (type == String.class) {
			return "a string, as every parameter value is (e.g. \"threads\": \"2\")";
		}
		if (type == Boolean.class || type == boolean.class) {
			return "true or false";
		}
		if (type != null && Map.class.isAssignableFrom(type)) {
			return "an object of parameter names and values";
		}
		return (type != null) ? "a " + type.getSimpleName() : "a value of another type";
	}

	/** The field's path in the body: {@code parameters.numbers}, {@code newInstance}. */
	private static String field(JacksonException mismatch) {
		return mismatch.getPath()
			.stream()
			.map((reference) -> (reference.getPropertyName() != null) ? reference.getPropertyName()
					: "[" + reference.getIndex() + "]")
			.collect(Collectors.joining("."));
	}

}
