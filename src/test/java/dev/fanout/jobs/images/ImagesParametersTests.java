package dev.fanout.jobs.images;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

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

}
