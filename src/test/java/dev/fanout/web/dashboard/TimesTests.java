package dev.fanout.web.dashboard;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimesTests {

	/** {@code yyyy} is the year of the era: a year before ours was shown as a year of ours, without its sign. */
	@Test
	void aTimeShowsItsProlepticYearSoOneBeforeOurEraIsNegative() {
		assertThat(Times.format(LocalDateTime.of(-5, 1, 2, 3, 4, 5), "-")).startsWith("-0005-01-02 03:04:05 ");
		assertThat(Times.format(null, "not yet")).isEqualTo("not yet");
	}

}
