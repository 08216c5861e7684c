package dev.fanout.cli;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class HistoryCommandTests {

	/** {@code yyyy} is the year of the era: a year before ours printed as a year of ours, without its sign. */
	@Test
	void aTimeShowsItsProlepticYearSoOneBeforeOurEraIsNegative() {
		assertThat(HistoryCommand.TIME.format(LocalDateTime.of(-292275055, 5, 16, 16, 47, 4)))
			.isEqualTo("-292275055-05-16 16:47:04");
		assertThat(HistoryCommand.TIME.format(LocalDateTime.of(2026, 11, 22, 8, 30))).isEqualTo("2026-11-22 08:30:00");
	}

}
