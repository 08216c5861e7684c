package dev.fanout.jobs.factorize.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

class WorkSharesTests {

	private static final List<Long> BOOK_NUMBERS = List.of(2139079L, 1214759L, 1516637L, 1852285L);

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void putsEveryPositionInExactlyOneShare(Algorithm algorithm) {
		List<Long> numbers = randomNumbers(new Random(7), 103);
		for (int workers : new int[] { 1, 2, 3, 4, 8, 103, 200 }) {
			List<int[]> shares = WorkShares.split(numbers, workers, algorithm);

			int[] all = shares.stream().flatMapToInt(Arrays::stream).sorted().toArray();
			assertThat(all).as("positions with %d workers", workers)
				.containsExactly(IntStream.range(0, numbers.size()).toArray());
		}
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void listsPositionsOfEachShareInAscendingOrder(Algorithm algorithm) {
		List<Long> numbers = randomNumbers(new Random(11), 50);
		for (int[] share : WorkShares.split(numbers, 4, algorithm)) {
			for (int i = 1; i < share.length; i++) {
				assertThat(share[i]).isGreaterThan(share[i - 1]);
			}
		}
	}

	@Test
	void makesOneShareForEachWorkerButNoMoreThanThereAreNumbers() {
		assertThat(WorkShares.split(BOOK_NUMBERS, 2, Algorithm.NAIVE)).hasSize(2);
		assertThat(WorkShares.split(BOOK_NUMBERS, 3, Algorithm.NAIVE)).hasSize(3);
		assertThat(WorkShares.split(BOOK_NUMBERS, 4, Algorithm.FAST)).hasSize(4);
		assertThat(WorkShares.split(BOOK_NUMBERS, 16, Algorithm.NAIVE)).hasSize(4);
		assertThat(WorkShares.split(List.of(5L), 8, Algorithm.FAST)).hasSize(1);
	}

	@Test
	void leavesNoShareEmptyWhenThereAreAtLeastAsManyNumbersAsWorkers() {
		List<Long> numbers = randomNumbers(new Random(3), 20);
		for (int workers = 1; workers <= 25; workers++) {
			assertThat(WorkShares.split(numbers, workers, Algorithm.NAIVE)).as("%d workers", workers)
				.hasSize(Math.min(workers, numbers.size()))
				.allSatisfy(share -> assertThat(share).isNotEmpty());
		}
	}

	@Test
	void givesOneWorkerEverything() {
		List<int[]> shares = WorkShares.split(BOOK_NUMBERS, 1, Algorithm.NAIVE);

		assertThat(shares).hasSize(1);
		assertThat(shares.get(0)).containsExactly(0, 1, 2, 3);
	}

	@Test
	void givesEachOfTheBooksNumbersItsOwnShareWithFourWorkers() {
		List<int[]> shares = WorkShares.split(BOOK_NUMBERS, 4, Algorithm.NAIVE);

		assertThat(shares).allSatisfy(share -> assertThat(share).hasSize(1));
	}

	@Test
	void keepsAHugeNumberAloneAndSpreadsTheSmallOnes() {
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < 60; i++) {
			numbers.add(1_000L + i);
		}
		numbers.add(17, 1_000_000_000L);

		List<int[]> shares = WorkShares.split(numbers, 4, Algorithm.NAIVE);

		assertThat(shares).hasSize(4);
		assertThat(shares).filteredOn(share -> contains(share, 17)).singleElement()
			.satisfies(share -> assertThat(share).containsExactly(17));
		// The 60 small numbers, of about equal cost, are spread evenly over the other three workers.
		assertThat(shares).filteredOn(share -> !contains(share, 17))
			.allSatisfy(share -> assertThat(share).hasSize(20));
	}

	@Test
	void balancesTheLoadOfASkewedWorkload() {
		Random random = new Random(2024);
		List<Long> numbers = new ArrayList<>();
		numbers.add(50_000_000L);
		numbers.add(30_000_000L);
		for (int i = 0; i < 200; i++) {
			numbers.add(1 + random.nextLong(2_000_000L));
		}
		for (int workers : new int[] { 2, 3, 4, 6, 8 }) {
			List<int[]> shares = WorkShares.split(numbers, workers, Algorithm.NAIVE);
			double[] loads = shares.stream().mapToDouble(share -> load(numbers, share, Algorithm.NAIVE)).toArray();
			double[] costs = numbers.stream().mapToDouble(n -> WorkShares.cost(n, Algorithm.NAIVE)).sorted().toArray();
			double total = Arrays.stream(costs).sum();
			double largest = costs[costs.length - 1];
			double maxLoad = Arrays.stream(loads).max().orElseThrow();
			// No split can beat total / workers, so this is within one number of the optimum.
			assertThat(maxLoad).as("max load with %d workers", workers)
				.isLessThanOrEqualTo(total / workers + largest);
			// Largest first: the last number added to the fullest share is either alone there or no larger than the
			// (workers + 1)-th largest, and it went to the lightest share, whose load was at most the average.
			double lptBound = Math.max(largest, total / workers + costs[costs.length - 1 - workers]);
			assertThat(maxLoad).as("max load with %d workers", workers).isLessThanOrEqualTo(lptBound);
		}
	}

	@Test
	void balancesBetterThanEqualCountsWhenTheBigNumbersComeFirst() {
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			numbers.add(10_000_000L);
		}
		for (int i = 0; i < 30; i++) {
			numbers.add(10_000L);
		}

		List<int[]> shares = WorkShares.split(numbers, 4, Algorithm.NAIVE);

		double maxLoad = shares.stream().mapToDouble(share -> load(numbers, share, Algorithm.NAIVE)).max().orElseThrow();
		// Equal counts in input order (10 per share) would give the first worker all ten big numbers: 10^8.
		assertThat(maxLoad).isLessThanOrEqualTo(3 * 10_000_000.0 + 30 * 10_000.0);
		assertThat(shares).allSatisfy(share -> assertThat(Arrays.stream(share).filter(p -> p < 10).count())
			.isBetween(2L, 3L));
	}

	@Test
	void estimatesCostByAlgorithm() {
		assertThat(WorkShares.cost(1_000_000L, Algorithm.NAIVE)).isEqualTo(1_000_000.0);
		assertThat(WorkShares.cost(1_000_000L, Algorithm.FAST)).isEqualTo(1_000.0);
	}

	@Test
	void usesTheAlgorithmsCostToBalance() {
		// Naive: 100 costs as much as 1 + 99 ones; fast: √100 = 10 costs as much as 10 ones.
		List<Long> numbers = new ArrayList<>();
		numbers.add(100L);
		for (int i = 0; i < 99; i++) {
			numbers.add(1L);
		}

		assertThat(WorkShares.split(numbers, 2, Algorithm.NAIVE))
			.anySatisfy(share -> assertThat(share).containsExactly(0));
		List<int[]> fast = WorkShares.split(numbers, 2, Algorithm.FAST);
		assertThat(fast).allSatisfy(share -> assertThat(share.length).isGreaterThan(10));
	}

	private static double load(List<Long> numbers, int[] share, Algorithm algorithm) {
		return Arrays.stream(share).mapToDouble(p -> WorkShares.cost(numbers.get(p), algorithm)).sum();
	}

	private static boolean contains(int[] share, int position) {
		return Arrays.stream(share).anyMatch(p -> p == position);
	}

	private static List<Long> randomNumbers(Random random, int count) {
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			numbers.add(1 + random.nextLong(10_000_000L));
		}
		return numbers;
	}

}
