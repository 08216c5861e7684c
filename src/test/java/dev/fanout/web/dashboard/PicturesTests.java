package dev.fanout.web.dashboard;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.batch.DescribedJob;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.OutputChart;
import dev.fanout.batch.OutputPicture;
import dev.fanout.batch.ParameterValues;

import static org.assertj.core.api.Assertions.assertThat;

/** The detail page shows the pictures and chart a job declares, and a gallery of any other output directory. */
class PicturesTests {

	@TempDir
	Path directory;

	@Test
	void showsTheDeclaredPicturesThatExistInTheirOrderAndTheDeclaredChart() throws IOException {
		Path out = Files.createDirectories(this.directory.resolve("out"));
		Files.writeString(out.resolve("b.gif"), "");
		Files.writeString(out.resolve("a.png"), "");
		Files.writeString(out.resolve("other.png"), "");
		Files.writeString(out.resolve("series.csv"), "x,y\n0,3\n1,5\n");

		Pictures pictures = Pictures.of(7, List.of(out.toString()), job(List.of(new OutputPicture("a.png", "the a"),
				new OutputPicture("missing.png", "not written"), new OutputPicture("b.gif", "the b")),
				new OutputChart("series.csv", "Things per step", "step")));

		assertThat(pictures.pictures()).extracting(Pictures.Picture::caption).containsExactly("the a", "the b");
		assertThat(pictures.pictures().get(0).url()).isEqualTo("/executions/7/files/0?path=a.png");
		assertThat(pictures.thumbnails()).isEmpty();
		assertThat(pictures.chart()).isNotNull();
		assertThat(pictures.chart().caption()).isEqualTo("Things per step");
		assertThat(pictures.chart().horizontal()).isEqualTo("step");
		assertThat(pictures.chart().maxY()).isEqualTo(5);
	}

	@Test
	void aDirectoryWithNothingDeclaredIsAGallery() throws IOException {
		Path out = Files.createDirectories(this.directory.resolve("gallery"));
		Files.writeString(out.resolve("final.png"), "");
		Files.writeString(out.resolve("population.csv"), "generation,population\n0,5\n");

		Pictures pictures = Pictures.of(7, List.of(out.toString()), job(List.of(), null));

		assertThat(pictures.pictures()).isEmpty();
		assertThat(pictures.chart()).isNull();
		assertThat(pictures.thumbnails()).extracting(Pictures.Picture::caption).containsExactly("final.png");
	}

	private static JobDescription<ParameterValues> job(List<OutputPicture> pictures, @Nullable OutputChart chart) {
		return new DescribedJob("some", "a job that declares its outputs") {

			@Override
			public List<OutputPicture> pictures() {
				return pictures;
			}

			@Override
			public @Nullable OutputChart chart() {
				return chart;
			}

		};
	}

}
