package dev.fanout.batch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatioTests {

	@Test
	void aTimeRatioAtOrUnderItsLimitIsMetAndOverItMissed() {
		assertThat(new Ratio("job / loop, 2 threads", 1.04, Target.atMost(1.10)).line())
			.isEqualTo("job / loop, 2 threads: 1.04 (target <= 1.10: met)");
		assertThat(new Ratio("job / loop, 2 threads", 1.10, Target.atMost(1.10)).verdict()).isEqualTo("met");
		assertThat(new Ratio("job / loop, 1 thread", 1.14, Target.atMost(1.10)).line())
			.isEqualTo("job / loop, 1 thread: 1.14 (target <= 1.10: missed)");
	}

	@Test
	void aValueThatRoundsToItsLimitIsShownWithTheDecimalsThatTellItsVerdict() {
		assertThat(new Ratio("job / ideal", 1.0503, Target.atMost(1.05)).line())
			.isEqualTo("job / ideal: 1.0503 (target <= 1.05: missed)");
		assertThat(new Ratio("job / ideal", 1.053, Target.atMost(1.05)).line())
			.isEqualTo("job / ideal: 1.053 (target <= 1.05: missed)");
		assertThat(new Ratio("speedup", 1.8497, Target.atLeast(1.85)).line())
			.isEqualTo("speedup: 1.8497 (target >= 1.85: missed)");
		assertThat(new Ratio("job / ideal", 1.046, Target.atMost(1.05)).line())
			.isEqualTo("job / ideal: 1.05 (target <= 1.05: met)");
	}

	@Test
	void aSpeedupUnderItsLimitIsMissed() {
		assertThat(new Ratio("speedup", 1.80, Target.atLeast(1.85)).line())
			.isEqualTo("speedup: 1.80 (target >= 1.85: missed)");
		assertThat(new Ratio("speedup", 1.93, Target.atLeast(1.85)).verdict()).isEqualTo("met");
	}

	@Test
	void aRatioWithoutTargetSaysSoAndIsNeverMissed() {
		Ratio ratio = new Ratio("kernel / bands", 0.95, null);

		assertThat(ratio.line()).isEqualTo("kernel / bands: 0.95 (no target)");
		assertThat(ratio.verdict()).isEqualTo("no target");
	}

}
