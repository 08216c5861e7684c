package dev.fanout.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobInstance;

import dev.fanout.core.FanoutProperties;

/**
 * The files a job instance keeps under the data directory, by the naming every job follows: its outputs, each named
 * after the instance directly under an output directory ({@code out/<job>/instance-<id>.csv},
 * {@code out/<job>/instance-<id>/}, or under another one, as images' {@code out/gallery/instance-<id>/}), with the
 * hidden temporary files a write interrupted by a kill left beside them ({@code .instance-<id>.….tmp}); and its work
 * directory of intermediate files ({@code work/<job>/instance-<id>/}). Instance ids are unique across jobs, so a name
 * belongs to one instance whatever directory it is in.
 * <p>
 * Deleting never follows a link: a link is removed, not what it leads to. An output or work directory that leads out
 * of the data directory through a link is not looked into (jobs refuse to write there, see
 * {@link dev.fanout.core.DataPaths#requireInside}). Stateless: thread-safe.
 */
public final class InstanceFiles {

	/** {@code instance-12}, {@code instance-12.csv}, {@code .instance-12.csv.<uuid>.tmp}; group 1 is the id. */
	private static final Pattern NAME = Pattern.compile("instance-(\\d+)(?:\\..*)?|\\.instance-(\\d+)\\..*\\.tmp");

	private final FanoutProperties properties;

	public InstanceFiles(FanoutProperties properties) {
		this.properties = properties;
	}

	/**
	 * The outputs of these instances that exist, by instance id, in every output directory under
	 * {@code <data-dir>/out}; each directory is listed once, however many instances there are.
	 */
	public Map<Long, List<Path>> outputs(Collection<Long> instanceIds) throws IOException {
		Set<Long> ids = Set.copyOf(instanceIds);
		Map<Long, List<Path>> found = new TreeMap<>();
		for (Path directory : directories(this.properties.dataDir().resolve("out"))) {
			try (DirectoryStream<Path> entries = Files.newDirectoryStream(directory)) {
				for (Path entry : entries) {
					Long id = instanceOf(entry.getFileName().toString());
					if (id != null && ids.contains(id)) {
						found.computeIfAbsent(id, (key) -> new ArrayList<>()).add(entry);
					}
				}
			}
		}
		found.values().forEach((paths) -> paths.sort(null));
		return found;
	}

	/**
	 * The instance's work directory, if it has one (a completed instance's was deleted when it completed) and the
	 * directory holding it lies inside the data directory.
	 */
	public List<Path> work(JobInstance instance) throws IOException {
		Path work = this.properties.workDirectory(instance.getJobName(), instance.getInstanceId());
		boolean present = Files.exists(work, LinkOption.NOFOLLOW_LINKS) && insideDataDir(work.getParent());
		return present ? List.of(work) : List.of();
	}

	/** The id of the instance that a file named so belongs to, or {@code null}. */
	static @Nullable Long instanceOf(String name) {
		Matcher matcher = NAME.matcher(name);
		if (!matcher.matches()) {
			return null;
		}
		String id = (matcher.group(1) != null) ? matcher.group(1) : matcher.group(2);
		try {
			return Long.valueOf(id);
		}
		catch (NumberFormatException ex) {
			return null; // more digits than any id
		}
	}

	/** The output directories: {@code out}'s subdirectories that really lie inside the data directory. */
	private List<Path> directories(Path out) throws IOException {
		if (!Files.isDirectory(out) || !insideDataDir(out)) {
			return List.of();
		}
		List<Path> directories = new ArrayList<>();
		try (DirectoryStream<Path> entries = Files.newDirectoryStream(out)) {
			for (Path entry : entries) {
				if (Files.isDirectory(entry) && insideDataDir(entry)) {
					directories.add(entry);
				}
			}
		}
		return directories;
	}

	private boolean insideDataDir(Path directory) throws IOException {
		return directory.toRealPath().startsWith(this.properties.dataDir().toRealPath());
	}

	/** The bytes of the regular files in a file or directory tree, links not followed. */
	public static long size(Path path) throws IOException {
		long[] bytes = { 0 };
		Files.walkFileTree(path, new SimpleFileVisitor<>() {

			@Override
			public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
				bytes[0] += attributes.isRegularFile() ? attributes.size() : 0;
				return FileVisitResult.CONTINUE;
			}

		});
		return bytes[0];
	}

	/**
	 * Deletes a file, a link or a whole directory tree, without following links: a link inside is removed itself. A
	 * path that is already gone is no error.
	 * @return the bytes of the regular files deleted
	 */
	public static long delete(Path path) throws IOException {
		long[] bytes = { 0 };
		try {
			Files.walkFileTree(path, new SimpleFileVisitor<>() {

				@Override
				public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) throws IOException {
					if (Files.deleteIfExists(file) && attributes.isRegularFile()) {
						bytes[0] += attributes.size();
					}
					return FileVisitResult.CONTINUE;
				}

				@Override
				public FileVisitResult postVisitDirectory(Path directory, IOException failure) throws IOException {
					if (failure != null) {
						throw failure;
					}
					Files.deleteIfExists(directory);
					return FileVisitResult.CONTINUE;
				}

			});
		}
		catch (NoSuchFileException ex) {
			// gone meanwhile: nothing left to delete
		}
		return bytes[0];
	}

}
