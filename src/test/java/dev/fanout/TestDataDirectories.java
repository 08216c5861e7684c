package dev.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Fresh data directories for tests, one per name under {@code target/test-data/}, with the committed sample inputs
 * of {@code data/} copied in. Created once per name and test JVM, so a dynamic property that asks twice gets the same directory.
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
			copySampleInputs(Path.of("data"), directory);
			return directory;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** Copies the committed sample inputs: everything under data/ but what jobs and the repository write there. */
	private static void copySampleInputs(Path data, Path target) throws IOException {
		Set<Path> generated = Stream.of("repository", "work", "out", "logs").map(data::resolve).collect(Collectors.toSet());
		try (Stream<Path> paths = Files.walk(data)) {
			for (Path path : paths.filter((p) -> generated.stream().noneMatch(p::startsWith)).toList()) {
				Path copy = target.resolve(data.relativize(path).toString());
				if (Files.isDirectory(path)) {
					Files.createDirectories(copy);
				}
				else {
					Files.copy(path, copy);
				}
			}
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
