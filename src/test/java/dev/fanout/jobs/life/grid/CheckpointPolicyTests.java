package dev.fanout.jobs.life.grid;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckpointPolicyTests {

	@Test
	void cutsALargeGridIntoBandsWithAHaloSmallAgainstTheirHeight() {
		int k = CheckpointPolicy.generationsPerStep(8192, 8192, 2, 1103);

		// √(55 ms × 4096 rows × 16 cells/ns / 2^26 cells) ≈ 231 (the 55 ms are 21 ms of bookkeeping and 0.5 ns of
		// file work per cell): 5 even steps of 221 (the last 219).
		assertThat(k).isEqualTo(221);
		assertThat(new BandStep(new Band(0, 4096), 8192, k).wholeGrid()).isFalse();
		assertThat(k / 4096.0).as("halo share").isLessThan(0.06);
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
		// 16384² on 2 partitions: the 2 s cap allows 119 generations, which would make 8 steps of 119 and one of 48;
		// nine steps of 112 (the last 104) cost the same overhead with less halo.
		assertThat(CheckpointPolicy.generationsPerStep(16384, 16384, 2, 1000)).isEqualTo(112);
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 7)).isEqualTo(7);
	}

	@Test
	void runsTwoHundredGenerationsOfALargeGridInOneStep() {
		// On 8192² a step's file work alone is ~34 ms: 1 step of 200 was measured faster than 2 steps of 100 on both
		// 1 partition (1.57 to 1.59 s against 1.65 to 1.75 s) and 2 (0.84 to 0.88 s against 0.87 to 0.98 s).
		assertThat(CheckpointPolicy.generationsPerStep(8192, 8192, 2, 200)).isEqualTo(200);
		assertThat(CheckpointPolicy.generationsPerStep(8192, 8192, 1, 200)).isEqualTo(200);
		assertThat(CheckpointPolicy.generationsPerStep(4096, 4096, 2, 200)).isEqualTo(200);
	}

	@Test
	void runsASmallGridOnOnePartitionInOneStep() {
		assertThat(CheckpointPolicy.generationsPerStep(9, 5, 1, 4)).isEqualTo(4);
	}

	@Test
	void capsAStepsComputeTimeOnHugeGrids() {
		// 8 partitions at 8 cells/ns each compute 2^32 cells in 67 ms: 2 s allow 30 generations.
		assertThat(CheckpointPolicy.generationsPerStep(65_536, 65_536, 8, 1000)).isEqualTo(30);
	}

	@Test
	void letsOnePartitionRunUntilTheTimeCapForItHasNoHalo() {
		// 2 s at 8 cells/ns are 1.6 × 10^10 cells: 954 generations of 4096 × 4096.
		assertThat(CheckpointPolicy.generationsPerStep(4096, 4096, 1, 1_000_000)).isEqualTo(954);
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
