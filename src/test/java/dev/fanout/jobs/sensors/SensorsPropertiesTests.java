package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SensorsPropertiesTests {

	private final SensorsProperties properties = new SensorsProperties(1000, Duration.ofSeconds(1));

	@Test
	void readsWithoutLatencyCommitAFullChunk() {
		assertThat(this.properties.chunkSize(Duration.ZERO)).isEqualTo(1000);
		assertThat(this.properties.chunkSize(Duration.ofNanos(1))).isEqualTo(1000);
	}

	@Test
	void slowReadsCommitWhatFitsInTheCommitInterval() {
		assertThat(this.properties.chunkSize(Duration.ofMillis(100))).isEqualTo(10);
		assertThat(this.properties.chunkSize(Duration.ofMillis(3))).isEqualTo(333);
	}

	@Test
	void refusesChunksOfNoReadingAndANegativeInterval() {
		assertThatIllegalArgumentException().isThrownBy(() -> new SensorsProperties(0, Duration.ofSeconds(1)))
			.withMessage("fanout.sensors.chunk-size=0: expected a whole number of 1 or more, e.g. 1000");
		assertThatIllegalArgumentException().isThrownBy(() -> new SensorsProperties(1000, Duration.ofSeconds(-1)))
			.withMessage("fanout.sensors.commit-interval=-1s: expected a duration of 0 or more, e.g. 1s");
	}

	@Test
	void aReadLongerThanTheIntervalCommitsAlone() {
		assertThat(this.properties.chunkSize(Duration.ofSeconds(2))).isEqualTo(1);
	}

}
