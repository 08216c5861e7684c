package dev.fanout;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;

/**
 * How the tests start Fanout as a separate JVM: this JVM's java, the application's classes packed in a jar beside
 * the dependencies' jars (from a jar, a start uses the context that the build generated, as the application's own jar
 * does: {@link GeneratedContext}), and on JDK 25+ a JDK AOT cache of a typical start, as {@code target/fanout} uses
 * one. A JVM
 * start costs ~3.6 s of CPU without it and ~2.1 s with it, and the suite starts about a hundred. The cache needs a
 * class path of jars only, hence the jar; a child never runs a test class, so {@code target/test-classes} stays out.
 * <p>
 * Made once per test JVM (the holder's class initialization guards it), and reused from {@code target/child-jvm/}
 * while the classes are unchanged: the JVM refuses a cache whose jars changed, so both are made again together.
 */
final class ChildJvm {

	private static final Path DIRECTORY = Path.of("target", "child-jvm").toAbsolutePath();

	private static final Path CLASSES = Path.of("target", "classes").toAbsolutePath();

	/** The cache's training: a short run of the README's main job, from start-up to the end. */
	private static final List<String> TRAINING = List.of("run", "factorize", "numbers=2139079,1214759,1516637");

	private ChildJvm() {
	}

	/** {@code java}, its options and class path, and the application's main class: add Fanout's arguments. */
	static List<String> command() {
		return Holder.COMMAND;
	}

	private static final class Holder {

		static final List<String> COMMAND = prepare();

	}

	private static List<String> prepare() {
		String java = ProcessHandle.current().info().command().orElse("java");
		List<String> command = new ArrayList<>(List.of(java,
				// C1 only, as the fast launcher runs short commands: most of a start's CPU is C2 compiling Spring.
				"-XX:TieredStopAtLevel=1"));
		String original = System.getProperty("java.class.path");
		try {
			String jars = jarsOnly(original);
			if (jars == null) {
				command.addAll(List.of("-cp", original, FanoutApplication.class.getName()));
				return List.copyOf(command);
			}
			if (Runtime.version().feature() < 25) {
				command.addAll(List.of("-cp", jars, FanoutApplication.class.getName()));
				return List.copyOf(command);
			}
			Path cache = DIRECTORY.resolve("fanout.aot");
			if (!Files.exists(cache) || Files.getLastModifiedTime(cache).compareTo(lastModified(jars)) < 0) {
				train(command, jars, cache);
			}
			if (Files.exists(cache)) {
				// A cache that does not fit is ignored; its warnings must not reach the output that tests read.
				command.addAll(List.of("-XX:AOTCache=" + cache, "-Xlog:aot*=off,cds*=off"));
			}
			command.addAll(List.of("-cp", jars, FanoutApplication.class.getName()));
			return List.copyOf(command);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The class path with target/classes as a jar and without test classes, or null if it has other directories. */
	private static String jarsOnly(String classPath) throws IOException {
		List<String> entries = new ArrayList<>();
		for (String entry : classPath.split(File.pathSeparator)) {
			Path path = Path.of(entry).toAbsolutePath();
			if (path.equals(CLASSES)) {
				entries.add(pack(CLASSES).toString());
			}
			else if (path.getFileName().toString().equals("test-classes")) {
				continue;
			}
			else if (Files.isDirectory(path)) {
				return null;
			}
			else {
				entries.add(entry);
			}
		}
		return String.join(File.pathSeparator, entries);
	}

	/** target/classes as target/child-jvm/fanout-classes.jar, packed again only when a file in it is newer. */
	private static Path pack(Path classes) throws IOException {
		Path jar = DIRECTORY.resolve("fanout-classes.jar");
		List<Path> files;
		try (Stream<Path> walk = Files.walk(classes)) {
			files = walk.sorted().toList();
		}
		FileTime newest = FileTime.fromMillis(0);
		for (Path file : files) {
			FileTime modified = Files.getLastModifiedTime(file);
			newest = (modified.compareTo(newest) > 0) ? modified : newest;
		}
		if (Files.exists(jar) && Files.getLastModifiedTime(jar).compareTo(newest) >= 0) {
			return jar;
		}
		Files.createDirectories(DIRECTORY);
		Path partial = DIRECTORY.resolve("fanout-classes.jar.partial");
		try (OutputStream out = Files.newOutputStream(partial); JarOutputStream jarOut = new JarOutputStream(out)) {
			for (Path file : files) {
				if (file.equals(classes)) {
					continue;
				}
				String name = classes.relativize(file).toString().replace(File.separatorChar, '/');
				boolean directory = Files.isDirectory(file);
				jarOut.putNextEntry(new JarEntry(directory ? name + "/" : name));
				if (!directory) {
					Files.copy(file, jarOut);
				}
				jarOut.closeEntry();
			}
		}
		return Files.move(partial, jar, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
	}

	private static FileTime lastModified(String classPath) throws IOException {
		FileTime newest = FileTime.fromMillis(0);
		for (String entry : classPath.split(File.pathSeparator)) {
			FileTime modified = Files.getLastModifiedTime(Path.of(entry));
			newest = (modified.compareTo(newest) > 0) ? modified : newest;
		}
		return newest;
	}

	/**
	 * Runs the training in a throwaway data directory; the JVM writes the cache as it exits. A failed training leaves
	 * no cache, and the children start without one.
	 */
	private static void train(List<String> java, String jars, Path cache) throws IOException {
		Files.deleteIfExists(cache);
		Path data = TestDataDirectories.fresh("ChildJvm-training");
		List<String> command = new ArrayList<>(java);
		command.addAll(List.of("-XX:AOTCacheOutput=" + cache, "-cp", jars, FanoutApplication.class.getName(),
				"--fanout.data-dir=" + data, "--fanout.repository.idle-timeout=0s"));
		command.addAll(TRAINING);
		Process training = new ProcessBuilder(command).redirectErrorStream(true)
			.redirectOutput(DIRECTORY.resolve("training.log").toFile())
			.start();
		try {
			if (!training.waitFor(180, TimeUnit.SECONDS)) {
				training.destroyForcibly();
				Files.deleteIfExists(cache);
			}
		}
		catch (InterruptedException ex) {
			training.destroyForcibly();
			Thread.currentThread().interrupt();
		}
	}

}
