package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.AtomicFiles;
import dev.fanout.core.DataPaths;
import dev.fanout.core.InputText;
import dev.fanout.jobs.images.http.ImageSource;

/**
 * The images of a run, fixed when it first starts: the files of the source directory (sorted by name) or the URLs of
 * the source list (UTF-8 text; a byte order mark at its start is skipped). The list is saved in the work directory,
 * so a restart processes the same images even if the directory changed meanwhile, and its existence tells a restart
 * that an earlier attempt may have uploaded some.
 */
final class SourceList {

	static final String FILE = "sources.txt";

	private SourceList() {
	}

	/** Whether an earlier attempt of this instance got as far as starting (and so, maybe, uploading). */
	static boolean saved(Path workDirectory) {
		return Files.exists(workDirectory.resolve(FILE));
	}

	/**
	 * The saved list; else the one the launch listed ({@code listed}), or the source listed now: {@link #save} it
	 * before anything of the run has side effects.
	 */
	static List<ImageSource> load(Path source, @Nullable List<ImageSource> listed, Path dataDir, Path workDirectory)
			throws IOException {
		Path snapshot = workDirectory.resolve(FILE);
		if (Files.exists(snapshot)) {
			return numbered(Files.readAllLines(snapshot, StandardCharsets.UTF_8));
		}
		return (listed != null) ? listed : list(source, dataDir);
	}

	/** Saves the list, when no attempt of the run has yet ({@link #saved}); a later one reads it back ({@link #load}). */
	static void save(List<ImageSource> sources, Path workDirectory) throws IOException {
		AtomicFiles.write(workDirectory.resolve(FILE), (writer) -> {
			for (ImageSource image : sources) {
				writer.write(image.location());
				writer.newLine();
			}
		});
	}

	/**
	 * The images of a source directory or URL list; a clear error if there is none or a line is not an http(s) URL.
	 */
	static List<ImageSource> list(Path source, Path dataDir) throws IOException {
		List<String> locations = Files.isDirectory(source) ? files(source, dataDir) : urls(source);
		if (locations.isEmpty()) {
			throw new IllegalArgumentException("source=%s holds no images".formatted(source));
		}
		return numbered(locations);
	}

	private static List<String> files(Path directory, Path dataDir) throws IOException {
		return DataPaths.filesOf(dataDir, "source", directory)
			.stream().map((f) -> f.toAbsolutePath().toString()).toList();
	}

	private static List<String> urls(Path list) throws IOException {
		List<String> urls = new ArrayList<>();
		int number = 0;
		List<String> lines;
		try {
			lines = Files.readAllLines(list, StandardCharsets.UTF_8);
		}
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException(("source=%s is neither a directory of images nor a text file of image "
					+ "URLs").formatted(list));
		}
		for (String line : lines) {
			number++;
			String text = ((number == 1) ? InputText.withoutBom(line) : line).strip();
			if (text.isEmpty() || text.startsWith("#")) {
				continue;
			}
			try {
				urls.add(ImagesParameters.httpUrl("source", text).toString());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException(
						"source=%s, line %d: '%s' is not an http(s) URL; the file lists one image URL per line (# comments allowed)"
							.formatted(list, number, InputText.visible(text)));
			}
		}
		return urls;
	}

	private static List<ImageSource> numbered(List<String> locations) {
		List<ImageSource> sources = new ArrayList<>(locations.size());
		for (String location : locations) {
			sources.add(new ImageSource(sources.size(), location));
		}
		return sources;
	}

}
