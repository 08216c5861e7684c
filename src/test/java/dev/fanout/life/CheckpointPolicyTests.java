package dev.fanout.life;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckpointPolicyTests {

	@Test
	void cutsALargeGridIntoBandsWithAHaloSmallAgainstTheirHeight() {
		int k = CheckpointPolicy.generationsPerStep(8192, 8192, 2, 1103);

		// √(21 ms × 4096 rows × 10 cells/ns / 2^26 cells) ≈ 113: 10 even steps of 111 (the last 104).
		assertThat(k).isEqualTo(111);
		assertThat(new BandStep(new Band(0, 4096), 8192, k).wholeGrid()).isFalse();
		assertThat(k / 4096.0).as("halo share").isLessThan(0.03);
	}

	@Test
	void letsEachBandStepTheWholeTorusWhenTheHaloWouldBeMostOfIt() {
		// On 1024² the capped K is 255 (5 steps, each band computing 767 of 1024 rows): one step in which each band
		// steps the whole torus is faster.
		int k = CheckpointPolicy.generationsPerStep(1024, 1024, 2, 1103);
		assertThat(k).isEqualTo(1103);
		assertThat(new BandStep(new Band(0, 512), 1024, k).wholeGrid()).isTrue();

		assertThat(CheckpointPolicy.generationsPerStep(64, 40, 4, 1000)).isEqualTo(1000);
		assertThat(CheckpointPolicy.generationsPerStep(9, 5, 2, 100)).isEqualTo(100);
	}

	@Test
	void sharesTheGenerationsEvenlyBetweenTheSteps() {
		// 8192² on 2 partitions: K ≈ 113 alone would make steps of 113 and 87; two steps of 100 cost the same
		// overhead with less halo.
		assertThat(CheckpointPolicy.generationsPerStep(8192, 8192, 2, 200)).isEqualTo(100);
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 7)).isEqualTo(7);
	}

	@Test
	void prefersOneLongerStepWhenItsExtraHaloCostsLessThanAStep() {
		// 4096² on 2 partitions, 200 generations: 2 steps of 100 (K ≈ 160) or 1 step of 200 with 4% more halo rows;
		// one step is cheaper by the model and was measured faster (0.34 s against 0.38 s).
		assertThat(CheckpointPolicy.generationsPerStep(4096, 4096, 2, 200)).isEqualTo(200);
	}

	@Test
	void runsASmallGridOnOnePartitionInOneStep() {
		assertThat(CheckpointPolicy.generationsPerStep(9, 5, 1, 4)).isEqualTo(4);
	}

	@Test
	void capsAStepsComputeTimeOnHugeGrids() {
		// 8 partitions at 5 cells/ns each compute 2^32 cells in 0.107 s: 2 s allow 19 generations (the overhead of
		// 39 ms per step is then 2%).
		assertThat(CheckpointPolicy.generationsPerStep(65_536, 65_536, 8, 1000)).isEqualTo(19);
	}

	@Test
	void letsOnePartitionRunUntilTheTimeCapForItHasNoHalo() {
		// 2 s at 5 cells/ns are 10^10 cells: 596 generations of 4096 × 4096.
		assertThat(CheckpointPolicy.generationsPerStep(4096, 4096, 1, 1_000_000)).isEqualTo(596);
		assertThat(CheckpointPolicy.generationsPerStep(4096, 4096, 1, 100)).isEqualTo(100);
	}

	@Test
	void neverExceedsTheRunsGenerationsNorGoesBelowOne() {
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 7)).isEqualTo(7);
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 0)).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointPolicy.generationsPerStep(100, 5, 6, 10))
			.withMessageContaining("6 partitions cannot cut 5 rows");
	}

}
