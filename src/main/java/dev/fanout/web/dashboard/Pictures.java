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

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.OutputChart;
import dev.fanout.batch.OutputPicture;

/**
 * What an execution's outputs let the detail page show: in an output directory, the pictures and the chart its job
 * declares ({@link JobDescription#pictures()}, {@link JobDescription#chart()}), or else thumbnails of the pictures it
 * holds, a gallery (at most {@value #MAX_THUMBNAILS}; the rest are counted); an output that is a picture itself.
 * Every picture is served by {@link OutputFiles}, so only through the execution's own outputs.
 *
 * @param moreThumbnails gallery pictures not shown
 */
public record Pictures(List<Picture> pictures, List<Picture> thumbnails, int moreThumbnails,
		@Nullable LineChart chart) {

	static final int MAX_THUMBNAILS = 24;

	public record Picture(String url, String caption) {

	}

	public boolean empty() {
		return this.pictures.isEmpty() && this.thumbnails.isEmpty() && this.chart == null;
	}

	/** @param job the execution's job, or {@code null} when this version no longer has it (nothing is declared) */
	static Pictures of(long executionId, List<String> outputs, @Nullable JobDescription<?> job) {
		List<OutputPicture> declared = (job != null) ? job.pictures() : List.of();
		OutputChart declaredChart = (job != null) ? job.chart() : null;
		List<Picture> pictures = new ArrayList<>();
		List<Picture> thumbnails = new ArrayList<>();
		int more = 0;
		LineChart chart = null;
		for (int index = 0; index < outputs.size(); index++) {
			Path output = Path.of(outputs.get(index));
			if (!Files.isDirectory(output)) {
				if (isImage(output)) {
					pictures.add(new Picture(url(executionId, index, ""), output.getFileName().toString()));
				}
				continue;
			}
			boolean hasDeclared = false;
			for (OutputPicture picture : declared) {
				if (Files.isRegularFile(output.resolve(picture.file()))) {
					pictures.add(new Picture(url(executionId, index, picture.file()), picture.caption()));
					hasDeclared = true;
				}
			}
			if (declaredChart != null && Files.isRegularFile(output.resolve(declaredChart.file()))) {
				hasDeclared = true;
				chart = (chart != null) ? chart : LineChart.read(output.resolve(declaredChart.file()), declaredChart);
			}
			if (hasDeclared) {
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
		return new Pictures(pictures, thumbnails, more, chart);
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
