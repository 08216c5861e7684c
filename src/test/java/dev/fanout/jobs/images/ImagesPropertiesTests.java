package dev.fanout.jobs.images;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

import dev.fanout.core.InvalidSetting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ImagesPropertiesTests {

	@Test
	void refusesChunksOfNoImageNamingTheSetting() {
		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> properties(0, 3, Duration.ofSeconds(5)))
			.withMessage("fanout.images.chunk-size=0: expected a whole number of 1 or more, e.g. 50");
	}

	@Test
	void refusesNoAttemptAndATimeoutOfZero() {
		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> properties(50, 0, Duration.ofSeconds(5)))
			.withMessage("fanout.images.attempts=0: expected a whole number of 1 or more, e.g. 3");
		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> properties(50, 3, Duration.ZERO))
			.withMessage("fanout.images.connect-timeout=0s: expected a positive duration, e.g. 5s");
	}

	@Test
	void acceptsTheDefaults() {
		assertThat(properties(50, 3, Duration.ofSeconds(5)).chunkSize()).isEqualTo(50);
	}

	private static ImagesProperties properties(int chunkSize, int attempts, Duration connectTimeout) {
		return new ImagesProperties(chunkSize, connectTimeout, Duration.ofSeconds(30), DataSize.ofMegabytes(20),
				50_000_000, attempts, Duration.ofMillis(200), null, OnExhausted.FAIL);
	}

}
