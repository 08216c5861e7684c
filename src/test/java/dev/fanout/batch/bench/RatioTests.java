package dev.fanout.batch.bench;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RatioTests {

	@Test
	void aTimeRatioAtOrUnderItsLimitIsMetAndOverItMissed() {
		assertThat(new Ratio("job / loop, 2 threads", 1.04, Target.atMost(1.10)).line())
			.isEqualTo("job / loop, 2 threads: 1.04, best runs (target <= 1.10: met)");
		assertThat(new Ratio("job / loop, 2 threads", 1.10, Target.atMost(1.10)).verdict()).isEqualTo("met");
		assertThat(new Ratio("job / loop, 1 thread", 1.14, Target.atMost(1.10)).line())
			.isEqualTo("job / loop, 1 thread: 1.14, best runs (target <= 1.10: missed)");
	}

	@Test
	void aValueThatRoundsToItsLimitIsShownWithTheDecimalsThatTellItsVerdict() {
		assertThat(new Ratio("job / ideal", 1.0503, Target.atMost(1.05)).line())
			.isEqualTo("job / ideal: 1.0503, best runs (target <= 1.05: missed)");
		assertThat(new Ratio("job / ideal", 1.053, Target.atMost(1.05)).shown()).isEqualTo("1.053");
		assertThat(new Ratio("speedup", 1.8497, Target.atLeast(1.85)).shown()).isEqualTo("1.8497");
		assertThat(new Ratio("job / ideal", 1.046, Target.atMost(1.05)).line())
			.isEqualTo("job / ideal: 1.05, best runs (target <= 1.05: met)");
	}

	@Test
	void aValueOverItsLimitByLessThanAMillionthIsStillShownOverIt() {
		Ratio ratio = new Ratio("job / ideal", 1.0500000001, Target.atMost(1.05));

		assertThat(ratio.verdict()).isEqualTo("missed");
		assertThat(ratio.shown()).isEqualTo("1.0500000001");
		assertThat(new Ratio("speedup", Math.nextDown(1.85), Target.atLeast(1.85)).shown())
			.satisfies((shown) -> assertThat(Double.parseDouble(shown)).isLessThan(1.85));
	}

	@Test
	void aLimitIsPrintedExactlyNotRounded() {
		assertThat(Target.atMost(1 / 0.9).describe()).isEqualTo("<= 1.1111111111111112");
		assertThat(Target.atMost(27.5).describe()).isEqualTo("<= 27.50");
		assertThat(Target.atLeast(1.85).describe()).isEqualTo(">= 1.85");
		assertThat(Target.atMost(1).describe()).isEqualTo("<= 1.00");
	}

	@Test
	void aRatioOfMedianRunsSaysSo() {
		assertThat(new Ratio("fixed cost, ms", 31.25, Ratio.Basis.MEDIAN, Target.atMost(27.5), true).line())
			.isEqualTo("fixed cost, ms: 31.25, median runs (target <= 27.50: missed)");
	}

	@Test
	void aSpeedupUnderItsLimitIsMissed() {
		assertThat(new Ratio("speedup", 1.80, Target.atLeast(1.85)).line())
			.isEqualTo("speedup: 1.80, best runs (target >= 1.85: missed)");
		assertThat(new Ratio("speedup", 1.93, Target.atLeast(1.85)).verdict()).isEqualTo("met");
	}

	@Test
	void aRatioWithoutTargetSaysSoAndIsNeverMissed() {
		Ratio ratio = new Ratio("kernel / bands", 0.95, null);

		assertThat(ratio.line()).isEqualTo("kernel / bands: 0.95, best runs (no target)");
		assertThat(ratio.verdict()).isEqualTo("no target");
	}

	@Test
	void aRatioNotJudgedIsNeitherMetNorMissed() {
		Ratio ratio = new Ratio("job / loop", 3.0, Ratio.Basis.BEST, Target.atMost(1.10), false);

		assertThat(ratio.verdict()).isEqualTo("not judged");
		assertThat(ratio.line()).isEqualTo("job / loop: 3.00, best runs (target <= 1.10: not judged)");
	}

}
