package dev.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Fresh data directories for tests, one per name under {@code target/test-data/}, with the committed sample inputs
 * copied in. Created once per name and test JVM, so a dynamic property that asks twice gets the same directory.
 */
public final class TestDataDirectories {

	private static final Map<String, Path> created = new ConcurrentHashMap<>();

	private TestDataDirectories() {
	}

	public static Path fresh(String name) {
		return created.computeIfAbsent(name, TestDataDirectories::create);
	}

	private static Path create(String name) {
		Path directory = Path.of("target", "test-data", name).toAbsolutePath();
		try {
			delete(directory);
			Files.createDirectories(directory.resolve("factorize"));
			Files.copy(Path.of("data", "factorize", "numbers.txt"), directory.resolve("factorize/numbers.txt"));
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	public static void delete(Path directory) throws IOException {
		if (Files.exists(directory)) {
			try (Stream<Path> paths = Files.walk(directory)) {
				for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
					Files.delete(path);
				}
			}
		}
	}

}
