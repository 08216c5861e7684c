package dev.fanout.jobs.images;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.images.ImageOutcome.Status;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.http.ImageSource;

import static org.assertj.core.api.Assertions.assertThat;

class ImagesReportTests {

	@Test
	void countsAFileThatIsNotAnImageApartFromTheImages() {
		String notes = ReportWriter.line(ImageOutcome.skipped(new ImageSource(5, "/data/images/in/notes.txt"),
				ImageResizer.NOT_AN_IMAGE));

		assertThat(ImagesReport.notAnImage(notes)).isTrue();
		assertThat(ImagesReport.summary(Map.of(Status.UPLOADED, 5), List.of(notes), "/g"))
			.isEqualTo("5 images: 5 uploaded, 0 already in the gallery, 0 skipped; 1 other file skipped (not an image); "
					+ "gallery: /g");
	}

	@Test
	void aDamagedImageIsStillAnImageThatWasSkipped() {
		String truncated = ReportWriter.line(ImageOutcome.skipped(new ImageSource(0, "/in/a.jpg"),
				"corrupt or truncated JPEG data (premature end)"));
		String missing = ReportWriter.line(ImageOutcome.skipped(new ImageSource(1, "https://h/x.jpg"), "HTTP 404"));

		assertThat(ImagesReport.notAnImage(truncated)).isFalse();
		assertThat(ImagesReport.notAnImage(missing)).isFalse();
		assertThat(ImagesReport.summary(Map.of(Status.UPLOADED, 1, Status.SKIPPED, 2), List.of(), "/g"))
			.isEqualTo("3 images: 1 uploaded, 0 already in the gallery, 2 skipped (reasons in the report); gallery: /g");
	}

	@Test
	void saysOneImageAndNamesUrlsThatAreNotImagesAsUrls() {
		List<String> pages = List.of(
				ReportWriter.line(ImageOutcome.skipped(new ImageSource(1, "https://h/index.html"), ImageResizer.NOT_AN_IMAGE)),
				ReportWriter.line(ImageOutcome.skipped(new ImageSource(2, "https://h/a,b.html"), ImageResizer.NOT_AN_IMAGE)));

		assertThat(pages).allMatch(ImagesReport::notAnImage);
		assertThat(ImagesReport.summary(Map.of(Status.PRESENT, 1), pages, "http://g/"))
			.isEqualTo("1 image: 0 uploaded, 1 already in the gallery, 0 skipped; 2 other URLs skipped (not images); "
					+ "gallery: http://g/");
	}

}
