package dev.fanout.web.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * What an execution's outputs let the detail page show: life's final grid, animation and population chart, and
 * thumbnails of an images gallery (at most {@value #MAX_THUMBNAILS}; the rest are counted). Every picture is served
 * by {@link OutputFiles}, so only through the execution's own outputs.
 *
 * @param moreThumbnails gallery pictures not shown
 */
public record Pictures(List<Picture> pictures, List<Picture> thumbnails, int moreThumbnails,
		@Nullable PopulationChart population) {

	static final int MAX_THUMBNAILS = 24;

	public record Picture(String url, String caption) {

	}

	public boolean empty() {
		return this.pictures.isEmpty() && this.thumbnails.isEmpty() && this.population == null;
	}

	static Pictures of(long executionId, List<String> outputs) {
		List<Picture> pictures = new ArrayList<>();
		List<Picture> thumbnails = new ArrayList<>();
		int more = 0;
		PopulationChart population = null;
		for (int index = 0; index < outputs.size(); index++) {
			Path output = Path.of(outputs.get(index));
			if (!Files.isDirectory(output)) {
				if (isImage(output)) {
					pictures.add(new Picture(url(executionId, index, ""), output.getFileName().toString()));
				}
				continue;
			}
			if (Files.isRegularFile(output.resolve("final.png"))) { // a life output directory
				pictures.add(new Picture(url(executionId, index, "final.png"), "final grid"));
				if (Files.isRegularFile(output.resolve("final-live.png"))) {
					pictures.add(new Picture(url(executionId, index, "final-live.png"), "final grid, live area"));
				}
				if (Files.isRegularFile(output.resolve("generations.gif"))) {
					pictures.add(new Picture(url(executionId, index, "generations.gif"), "first generations"));
				}
				population = (population != null) ? population : PopulationChart.read(output.resolve("population.csv"));
				continue;
			}
			for (Path image : images(output)) {
				if (thumbnails.size() < MAX_THUMBNAILS) {
					String name = image.getFileName().toString();
					thumbnails.add(new Picture(url(executionId, index, name), name));
				}
				else {
					more++;
				}
			}
		}
		return new Pictures(pictures, thumbnails, more, population);
	}

	static String url(long executionId, int index, String path) {
		UriComponentsBuilder url = UriComponentsBuilder.fromPath("/executions/{id}/files/{index}");
		if (!path.isEmpty()) {
			url.queryParam("path", path);
		}
		return url.encode().buildAndExpand(executionId, index).toUriString();
	}

	private static List<Path> images(Path directory) {
		try (Stream<Path> files = Files.list(directory)) {
			return files.filter(Files::isRegularFile).filter(Pictures::isImage).sorted().toList();
		}
		catch (IOException ex) {
			return List.of();
		}
	}

	static boolean isImage(Path file) {
		String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
		return name.endsWith(".png") || name.endsWith(".jpg") || name.endsWith(".jpeg") || name.endsWith(".gif");
	}

}
