package dev.fanout.jobs.images.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one-file {@code multipart/form-data} body (RFC 7578) that {@link HttpGallery} posts, and its parsing for
 * {@link ImageServer}'s gallery. Names and media types are plain ASCII tokens here, so nothing needs escaping.
 * Stateless.
 */
final class Multipart {

	private static final Pattern BOUNDARY = Pattern.compile("boundary=\"?([^\";]+)\"?");

	private static final Pattern DISPOSITION_NAME = Pattern.compile("[; ]name=\"([^\"]*)\"");

	private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"");

	private static final byte[] CRLF = { '\r', '\n' };

	/** One file part: its form field, file name, media type and content. */
	record Part(String field, String filename, String contentType, byte[] content) {
	}

	private Multipart() {
	}

	/** A boundary that cannot occur in the content by chance. */
	static String newBoundary() {
		return "fanout-" + UUID.randomUUID();
	}

	static String contentType(String boundary) {
		return "multipart/form-data; boundary=" + boundary;
	}

	static byte[] encode(String boundary, Part part) {
		ByteArrayOutputStream body = new ByteArrayOutputStream(part.content().length + 256);
		body.writeBytes(("--%s\r\nContent-Disposition: form-data; name=\"%s\"; filename=\"%s\"\r\n"
				+ "Content-Type: %s\r\n\r\n").formatted(boundary, part.field(), part.filename(), part.contentType())
			.getBytes(StandardCharsets.US_ASCII));
		body.writeBytes(part.content());
		body.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII));
		return body.toByteArray();
	}

	/** The part named {@code field} of a body with that Content-Type, if it is there and well formed. */
	static Optional<Part> parse(String contentType, byte[] body, String field) {
		Matcher boundary = BOUNDARY.matcher(String.valueOf(contentType));
		if (!boundary.find()) {
			return Optional.empty();
		}
		byte[] delimiter = ("--" + boundary.group(1)).getBytes(StandardCharsets.US_ASCII);
		int start = indexOf(body, delimiter, 0);
		while (start >= 0) {
			int headersStart = start + delimiter.length + CRLF.length;
			int next = indexOf(body, concat(CRLF, delimiter), headersStart);
			int headersEnd = indexOf(body, new byte[] { '\r', '\n', '\r', '\n' }, headersStart);
			if (next < 0 || headersEnd < 0 || headersEnd > next) {
				return Optional.empty();
			}
			String headers = new String(body, headersStart, headersEnd - headersStart, StandardCharsets.US_ASCII);
			Optional<Part> part = part(headers, Arrays.copyOfRange(body, headersEnd + 4, next));
			if (part.isPresent() && part.get().field().equals(field)) {
				return part;
			}
			start = next + CRLF.length;
		}
		return Optional.empty();
	}

	private static Optional<Part> part(String headers, byte[] content) {
		String disposition = null;
		String type = "application/octet-stream";
		for (String line : headers.split("\r\n")) {
			int colon = line.indexOf(':');
			String name = (colon < 0) ? line : line.substring(0, colon).trim();
			String value = (colon < 0) ? "" : line.substring(colon + 1).trim();
			if (name.equalsIgnoreCase("Content-Disposition")) {
				disposition = value;
			}
			else if (name.equalsIgnoreCase("Content-Type")) {
				type = value;
			}
		}
		if (disposition == null) {
			return Optional.empty();
		}
		Matcher field = DISPOSITION_NAME.matcher(disposition);
		Matcher filename = FILENAME.matcher(disposition);
		if (!field.find()) {
			return Optional.empty();
		}
		return Optional.of(new Part(field.group(1), filename.find() ? filename.group(1) : null, type, content));
	}

	private static int indexOf(byte[] data, byte[] pattern, int from) {
		outer: for (int i = Math.max(0, from); i <= data.length - pattern.length; i++) {
			for (int j = 0; j < pattern.length; j++) {
				if (data[i + j] != pattern[j]) {
					continue outer;
				}
			}
			return i;
		}
		return -1;
	}

	private static byte[] concat(byte[] a, byte[] b) {
		byte[] result = Arrays.copyOf(a, a.length + b.length);
		System.arraycopy(b, 0, result, a.length, b.length);
		return result;
	}

}
