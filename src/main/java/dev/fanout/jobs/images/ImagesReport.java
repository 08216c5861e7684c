package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.batch.core.job.JobExecution;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.images.ImageOutcome.Status;
import dev.fanout.jobs.images.codec.ImageResizer;

/**
 * Publishes the run's report (one line per image: uploaded, already present, or skipped and why) next to the other
 * outputs, and says in the job's summary what the run did and where the gallery is. The writer publishes it in the
 * transaction of the chunk that completes the report: a failure fails that chunk, whose restart publishes it again.
 */
class ImagesReport {

	private final Path workReport;

	private final Path report;

	private final String gallery;

	private final boolean galleryIsDirectory;

	ImagesReport(Path workDirectory, Path report, String gallery, boolean galleryIsDirectory) {
		this.workReport = workDirectory.resolve(ReportWriter.FILE);
		this.report = report;
		this.gallery = gallery;
		this.galleryIsDirectory = galleryIsDirectory;
	}

	/** Publishes the work report, complete: atomically, so that the published one is never half-written. */
	void publish(JobExecution job) throws IOException {
		List<String> lines = Files.readAllLines(this.workReport, StandardCharsets.UTF_8);
		Map<Status, Integer> counts = new TreeMap<>();
		List<String> notImages = new ArrayList<>();
		for (String line : lines.subList(1, lines.size())) {
			if (notAnImage(line)) {
				notImages.add(line);
			}
			else {
				counts.merge(status(line), 1, Integer::sum);
			}
		}
		AtomicFiles.write(this.report, (writer) -> {
			for (String line : lines) {
				writer.write(line);
				writer.newLine();
			}
		});
		JobOutputs.summarize(job, summary(counts, notImages, this.gallery));
		if (this.galleryIsDirectory) {
			// Exists even when every image was skipped: the gallery of this run is empty, not missing.
			Files.createDirectories(Path.of(this.gallery));
			JobOutputs.add(job, Path.of(this.gallery));
		}
		JobOutputs.add(job, this.report);
	}

	/**
	 * {@code 5 images: 5 uploaded, 0 already in the gallery, 0 skipped; 1 other file skipped (not an image); gallery:
	 * /srv/gallery}. A file of the source directory (or a URL of the list) that is not an image at all, such as a
	 * {@code notes.txt} beside the photos, is not counted as an image: it is said apart.
	 */
	static String summary(Map<Status, Integer> counts, List<String> notImages, String gallery) {
		int images = counts.values().stream().mapToInt(Integer::intValue).sum();
		StringBuilder summary = new StringBuilder("%d image%s: %d uploaded, %d already in the gallery, %d skipped%s"
			.formatted(images, (images == 1) ? "" : "s", counts.getOrDefault(Status.UPLOADED, 0),
					counts.getOrDefault(Status.PRESENT, 0), counts.getOrDefault(Status.SKIPPED, 0),
					counts.containsKey(Status.SKIPPED) ? " (reasons in the report)" : ""));
		if (!notImages.isEmpty()) {
			String noun = isUrl(source(notImages.get(0))) ? "URL" : "file";
			summary.append("; %d other %s%s skipped (%s)".formatted(notImages.size(), noun,
					(notImages.size() == 1) ? "" : "s", (notImages.size() == 1) ? "not an image" : "not images"));
		}
		return summary.append("; gallery: ").append(gallery).toString();
	}

	/** Whether a report line is of a source that is no image at all (as opposed to a damaged or missing one). */
	static boolean notAnImage(String line) {
		// The reason is the last column; this one holds no comma or quote, so it is written as it is.
		return status(line) == Status.SKIPPED && line.endsWith("," + ImageResizer.NOT_AN_IMAGE);
	}

	private static boolean isUrl(String source) {
		return source.startsWith("http://") || source.startsWith("https://");
	}

	/** The source column of a report line, as written (a quoted one keeps its opening quote: enough for a prefix). */
	private static String source(String line) {
		int at = line.indexOf(',') + 1;
		return line.startsWith("\"", at) ? line.substring(at + 1) : line.substring(at);
	}

	/** The status column of a report line: after the index and the source, which may be quoted and hold commas. */
	static Status status(String line) {
		int at = line.indexOf(',') + 1;
		if (line.startsWith("\"", at)) {
			at++;
			while (!(line.charAt(at) == '"' && (at + 1 == line.length() || line.charAt(at + 1) != '"'))) {
				at += (line.charAt(at) == '"') ? 2 : 1;
			}
			at++;
		}
		else {
			at = line.indexOf(',', at);
		}
		int end = line.indexOf(',', at + 1);
		return Status.valueOf(line.substring(at + 1, end));
	}

}
