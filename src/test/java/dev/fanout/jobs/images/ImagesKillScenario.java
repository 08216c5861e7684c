package dev.fanout.jobs.images;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import dev.fanout.crash.KillScenario;
import dev.fanout.crash.OutputFiles;
import dev.fanout.jobs.images.samples.SampleImages;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * images killed in its pipeline: 120 generated JPEGs and one text file from a directory, into the default gallery
 * directory, 10 per chunk, resizes slowed to 20 ms each on one resize thread so the run lasts a few seconds. Work is
 * images written or skipped. A restart reports the images of the chunk a killed attempt was working on as PRESENT
 * where that attempt had uploaded them, so the report is compared with statuses UPLOADED and PRESENT taken as one,
 * and without the data directory in the source paths; the gallery must be byte-identical.
 */
public class ImagesKillScenario extends KillScenario {

	private static final int IMAGES = 120;

	private static final String SOURCE = "images/kill";

	@Override
	public String job() {
		return ImagesJobConfiguration.JOB;
	}

	@Override
	public List<String> parameters() {
		return List.of("source=" + SOURCE, "maxWidth=160", "maxHeight=120", "resizeThreads=1", "resizeLatency=20ms");
	}

	@Override
	public List<String> settings(Path data) {
		return List.of("--fanout.images.chunk-size=10");
	}

	@Override
	public void prepare(Path data) throws IOException {
		Path source = data.resolve(SOURCE);
		Files.createDirectories(source);
		for (int i = 0; i < IMAGES; i++) {
			Files.write(source.resolve("photo-%03d.jpg".formatted(i)), SampleImages.jpeg(320, 240, i));
		}
		Files.writeString(source.resolve("readme.txt"), "not an image\n");
	}

	@Override
	public long totalWork() {
		return IMAGES + 1;
	}

	@Override
	public long committedWork(Path data, long execution) throws SQLException {
		return stepSum(data, execution, "WRITE_COUNT", "imagesPipeline")
				+ stepSum(data, execution, "PROCESS_SKIP_COUNT", "imagesPipeline");
	}

	@Override
	public Map<String, String> output(Path data) throws Exception {
		Map<String, String> output = new TreeMap<>(OutputFiles.of(data.resolve("out/gallery/instance-1")));
		String report = Files.readString(data.resolve("out/images/instance-1.csv"))
			.replace(data.toAbsolutePath() + "/", "")
			.replace(",PRESENT,", ",UPLOADED,");
		output.put("report", report);
		return output;
	}

	@Override
	public void checkOutput(Path data) throws Exception {
		assertThat(OutputFiles.of(data.resolve("out/gallery/instance-1"))).hasSize(IMAGES);
		assertThat(Files.readAllLines(data.resolve("out/images/instance-1.csv"))).hasSize(IMAGES + 2)
			.filteredOn((line) -> line.contains(",SKIPPED,"))
			.singleElement()
			.asString()
			.contains("readme.txt");
	}

}
