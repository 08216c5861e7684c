package dev.fanout.core;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Resolves path parameters given by users, relative to the data directory. What jobs write stays inside it, so a job
 * parameter can never write outside Fanout's own files; what they read stays inside it too when the launch came over
 * the network (checked by its launch path), and may be anywhere when it came from the command line, a local
 * operator's.
 */
public final class DataPaths {

	private DataPaths() {
	}

	/**
	 * Resolves {@code given} against {@code dataDir}.
	 * @throws IllegalArgumentException naming the parameter when the path leaves the data directory
	 */
	public static Path resolveInside(Path dataDir, String parameter, String given) {
		Path root = dataDir.toAbsolutePath().normalize();
		Path resolved = root.resolve(given).normalize();
		if (!resolved.startsWith(root) || !realPathInside(root, resolved)) {
			throw new IllegalArgumentException("%s=%s points outside the data directory %s; give a path inside it (relative paths are resolved there)"
				.formatted(parameter, given, dataDir));
		}
		return resolved;
	}

	private static void requireLinkInside(Path realDataDir, String parameter, Path file, Path real) {
		if (!real.startsWith(realDataDir)) {
			throw new IllegalArgumentException(("%s=%s: %s links to %s, outside the data directory %s; copy the file "
					+ "into the directory instead").formatted(parameter, file.getParent(), file.getFileName(), real,
							realDataDir));
		}
	}

	/**
	 * Where the files a job reads through a directory input may lead: inside the data directory when the directory's
	 * path is in it, as every directory of a launch over the network is, so that a link there ({@code passwd ->
	 * /etc/passwd}), even one put in place after the launch, cannot take the job further; anywhere when the command
	 * line named a directory elsewhere, whose operator may read any file. Judged on the path as given, not on where its
	 * links lead, so a link swapped in cannot move the boundary. The data directory's real path, or the file system's
	 * root.
	 */
	public static Path readBoundary(Path dataDir, Path directory) throws IOException {
		Path root = dataDir.toAbsolutePath().normalize();
		Path path = directory.toAbsolutePath().normalize();
		return path.startsWith(root) ? root.toRealPath() : path.getRoot();
	}

	/**
	 * The files a job reads from a directory input: its regular files, sorted by name, hidden ones ({@code .name}) left
	 * out. A broken link is refused rather than left out, which would drop an input without a word, and so is a link
	 * leading out of the data directory from a directory inside it ({@link #readBoundary}). One {@code lstat} per file,
	 * and a real path resolved only for links: a directory of thousands of images is listed in a few milliseconds.
	 */
	public static List<Path> filesOf(Path dataDir, String parameter, Path directory) throws IOException {
		List<Path> files;
		try (Stream<Path> listing = Files.list(directory)) {
			files = listing.filter((f) -> !f.getFileName().toString().startsWith(".")).sorted().toList();
		}
		Path boundary = readBoundary(dataDir, directory);
		Path realDirectory = directory.toRealPath();
		List<Path> regular = new ArrayList<>();
		for (Path file : files) {
			BasicFileAttributes entry = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
			if (entry.isSymbolicLink()) {
				if (!Files.exists(file)) {
					throw new IllegalArgumentException("%s=%s: %s is a broken link (to %s); fix the link or remove it"
						.formatted(parameter, directory, file.getFileName(), Files.readSymbolicLink(file)));
				}
				if (Files.isRegularFile(file)) {
					requireLinkInside(boundary, parameter, file, file.toRealPath());
					regular.add(file);
				}
			}
			else if (entry.isRegularFile()) {
				// Not a link: its real path is the directory's with its name.
				requireLinkInside(boundary, parameter, file, realDirectory.resolve(file.getFileName()));
				regular.add(file);
			}
		}
		return regular;
	}

	/**
	 * Refuses an output (a directory or file a job is about to write) that leads out of the data directory through a
	 * link: {@code out/gallery/instance-1 -> /elsewhere}, or a link higher up. Jobs call it where they write, not only
	 * at launch, so a link put in place while a job runs is caught at its next write. (A link swapped in between
	 * this check and the write itself is not: Java has no {@code openat}-style writes.)
	 * @return {@code output}
	 * @throws IllegalStateException naming the output, where it leads, and the fix
	 */
	public static Path requireInside(Path dataDir, Path output) {
		Path real;
		try {
			real = realPath(output);
		}
		catch (IOException ex) {
			throw new IllegalStateException("%s cannot be written: a link on its way is broken (%s); remove the link"
				.formatted(output, ex.getMessage()), ex);
		}
		if (!inside(dataDir, real)) {
			throw new IllegalStateException(("%s leads to %s, outside the data directory %s; remove the link: jobs write "
					+ "only inside the data directory").formatted(output, real, dataDir));
		}
		return output;
	}

	/** Whether a path, existing or not, lies inside the root once symbolic links are followed. */
	private static boolean realPathInside(Path root, Path path) {
		try {
			return inside(root, realPath(path));
		}
		catch (IOException ex) {
			return false;
		}
	}

	private static boolean inside(Path root, Path real) {
		try {
			return real.startsWith(realPath(root));
		}
		catch (IOException ex) {
			return false;
		}
	}

	/**
	 * Where a path really leads, whether it exists or not: the real path of its nearest existing ancestor (links
	 * followed), with the rest appended. So {@code link/new}, where {@code link} points elsewhere, leads elsewhere.
	 * @throws IOException when that ancestor is a broken link
	 */
	private static Path realPath(Path path) throws IOException {
		Path absolute = path.toAbsolutePath().normalize();
		Path existing = absolute;
		while (existing != null && !Files.exists(existing, LinkOption.NOFOLLOW_LINKS)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return absolute;
		}
		return existing.toRealPath().resolve(existing.relativize(absolute));
	}

	/**
	 * An input file a job reads, as its parameter gives it: an absolute path as it is, a relative one in the data
	 * directory. Not confined: the command line is a local operator's, who may read any file; launches over the network
	 * are confined before they get here ({@code requireInside} by the server's launch path).
	 */
	public static Path resolveInput(Path dataDir, String given) {
		return dataDir.toAbsolutePath().normalize().resolve(given).normalize();
	}

	/** Like {@link #resolveInput}, and the path must be a readable regular file. */
	public static Path existingInputFile(Path dataDir, String parameter, String given) {
		Path resolved = resolveInput(dataDir, given);
		if (!Files.isRegularFile(resolved) || !Files.isReadable(resolved)) {
			// A launch stores input files absolute: naming the same path twice would say nothing more.
			String where = resolved.toString().equals(given) ? ""
					: " at %s (a relative path is resolved in the data directory)".formatted(resolved);
			throw new IllegalArgumentException("%s=%s: no readable file%s".formatted(parameter, given, where));
		}
		return resolved;
	}

}
