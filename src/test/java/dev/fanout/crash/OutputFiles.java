package dev.fanout.crash;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * The files under an output path as a comparable map: relative name to content (text files, for readable diffs) or
 * SHA-256 (other files). Hidden files count too, so a temporary file left behind by a crash shows as a difference.
 */
public final class OutputFiles {

	private OutputFiles() {
	}

	/** Every file under {@code root} (a directory, or a single file). */
	public static Map<String, String> of(Path root) throws IOException {
		return of(root, (path) -> true);
	}

	/** The files under {@code root} that the filter accepts. */
	public static Map<String, String> of(Path root, Predicate<Path> filter) throws IOException {
		Map<String, String> files = new TreeMap<>();
		if (!Files.exists(root)) {
			return files;
		}
		Path base = Files.isDirectory(root) ? root : root.getParent();
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.filter(Files::isRegularFile).filter(filter).toList()) {
				files.put(base.relativize(path).toString(), describe(path));
			}
		}
		return files;
	}

	private static String describe(Path file) throws IOException {
		String name = file.getFileName().toString();
		if (name.endsWith(".csv") || name.endsWith(".txt") || name.endsWith(".rle")) {
			return Files.readString(file);
		}
		return "sha256:" + sha256(Files.readAllBytes(file));
	}

	public static String sha256(byte[] bytes) {
		try {
			return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
