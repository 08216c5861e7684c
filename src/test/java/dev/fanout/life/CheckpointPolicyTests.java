package dev.fanout.life;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CheckpointPolicyTests {

	@Test
	void advancesTheRPentominoRunInAFewStepsWithASmallHalo() {
		int k = CheckpointPolicy.generationsPerStep(1024, 1024, 2, 1103);

		// √(21 ms × 512 rows × 10 cells/ns / 2^20 cells) ≈ 320, capped so that the halos leave a row unread: 255.
		assertThat(k).isEqualTo(255);
		assertThat(new BandStep(new Band(0, 512), 1024, k).wholeGrid()).isFalse();
		assertThat((k - 1) / 512.0).as("halo share").isLessThan(0.5);
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
	void keepsTheHaloOfSeveralPartitionsSmallerThanTheGrid() {
		int k = CheckpointPolicy.generationsPerStep(64, 40, 4, 1000);

		// Bands of 10 rows in 40: a halo of 14 on each side leaves one row that no band reads.
		assertThat(k).isEqualTo(14);
		assertThat(new BandStep(new Band(0, 10), 40, k).wholeGrid()).isFalse();
		assertThat(CheckpointPolicy.generationsPerStep(9, 5, 2, 100)).isEqualTo(1);
	}

	@Test
	void neverExceedsTheRunsGenerationsNorGoesBelowOne() {
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 7)).isEqualTo(7);
		assertThat(CheckpointPolicy.generationsPerStep(100, 100, 1, 0)).isEqualTo(1);
		assertThatIllegalArgumentException().isThrownBy(() -> CheckpointPolicy.generationsPerStep(100, 5, 6, 10))
			.withMessageContaining("6 partitions cannot cut 5 rows");
	}

}
