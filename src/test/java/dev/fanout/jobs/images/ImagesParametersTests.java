package dev.fanout.jobs.images;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The images job's parameters as its description parses them: defaults applied, each stage's latency its own. */
class ImagesParametersTests {

	private final ImagesJobDescription description = new ImagesJobDescription(Path.of("data").toAbsolutePath());

	@Test
	void eachStageHasALatencyOfItsOwnAndNoneByDefault() {
		JobParameters modelled = new JobParametersBuilder().addString("downloadLatency", "10ms")
			.addString("resizeLatency", "20ms")
			.addString("uploadLatency", "30ms")
			.toJobParameters();

		assertThat(this.description.parse(modelled).latencies()).isEqualTo(new Latencies(Duration.ofMillis(10),
				Duration.ofMillis(20), Duration.ofMillis(30)));
		assertThat(this.description.parse(new JobParameters()).latencies()).isEqualTo(Latencies.NONE);
	}

	@Test
	void capsEachStagesLatencyAtTenSecondsAsTheOtherJobsDo() {
		Map<String, Function<Latencies, Duration>> stages = Map.of("downloadLatency", Latencies::download,
				"resizeLatency", Latencies::resize, "uploadLatency", Latencies::upload);
		stages.forEach((stage, latency) -> {
			JobParameters longest = new JobParametersBuilder().addString(stage, "10s").toJobParameters();
			JobParameters endless = new JobParametersBuilder().addString(stage, "1000d").toJobParameters();

			assertThat(latency.apply(this.description.parse(longest).latencies())).isEqualTo(Duration.ofSeconds(10));
			assertThatIllegalArgumentException().isThrownBy(() -> this.description.parse(endless))
				.withMessage("%s=1000d is longer than 10s; give 0 to 10s, e.g. 10ms", stage);
		});
	}

	/** What a launch over the network or a schedule is told; the command line names the directories it looked in. */
	@Test
	void aMissingSourceIsRefusedAtLaunchNamingThePathItWasLookedFor() {
		JobParameters missing = new JobParametersBuilder().addString("source", "images/nowhere").toJobParameters();
		ImagesParameters parameters = this.description.parse(missing);

		assertThat(parameters.source()).isEqualTo(Path.of("data", "images", "nowhere").toAbsolutePath());
		assertThatIllegalArgumentException().isThrownBy(() -> parameters.withSources(Path.of("data")))
			.withMessage("source=%s: no such directory or URL list (a directory of images, or a text file of http(s) "
					+ "URLs)", parameters.source());
	}

}
