package dev.fanout.jobs.factorize.numbers;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.fanout.jobs.factorize.numbers.WorkPages.Page;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

class WorkPagesTests {

	private static final List<Long> BOOK_NUMBERS = List.of(2139079L, 1214759L, 1516637L, 1852285L);

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void putsEveryPositionOnExactlyOnePageOfConsecutivePositions(Algorithm algorithm) {
		List<Long> numbers = randomNumbers(new Random(7), 1103, 10_000_000L);
		for (int workers : new int[] { 1, 2, 3, 4, 8, 103, 2000 }) {
			List<Page> pages = WorkPages.split(numbers, workers, algorithm, 256);

			List<Integer> positions = new ArrayList<>();
			for (Page page : pages) {
				assertThat(page.count()).isBetween(1, 256);
				IntStream.range(page.from(), page.from() + page.count()).forEach(positions::add);
			}
			Collections.sort(positions);
			assertThat(positions).as("positions with %d workers", workers)
				.containsExactlyElementsOf(IntStream.range(0, numbers.size()).boxed().toList());
		}
	}

	@Test
	void givesOneWorkerThePagesInInputOrder() {
		List<Long> numbers = randomNumbers(new Random(3), 600, 80_000_000L);

		List<Page> pages = WorkPages.split(numbers, 1, Algorithm.NAIVE, 256);

		assertThat(pages).extracting(Page::from).containsExactly(0, 256, 512);
		assertThat(pages).extracting(Page::count).containsExactly(256, 256, 88);
	}

	@Test
	void ordersThePagesCostliestFirst() {
		List<Long> numbers = randomNumbers(new Random(11), 50, 80_000_000L);

		List<Page> pages = WorkPages.split(numbers, 2, Algorithm.NAIVE, 256);

		assertThat(pages).isSortedAccordingTo(Comparator.comparingDouble(Page::cost).reversed());
		assertThat(pages).allSatisfy((page) -> assertThat(page.cost()).isEqualTo(IntStream
			.range(page.from(), page.from() + page.count())
			.mapToDouble((p) -> WorkPages.cost(numbers.get(p), Algorithm.NAIVE))
			.sum()));
	}

	@Test
	void makesPagesSmallNextToAWorkersPartOfTheWork() {
		List<Long> numbers = randomNumbers(new Random(5), 400, 80_000_000L);
		double total = numbers.stream().mapToDouble((n) -> WorkPages.cost(n, Algorithm.NAIVE)).sum();
		for (int workers : new int[] { 2, 4 }) {
			List<Page> pages = WorkPages.split(numbers, workers, Algorithm.NAIVE, 256);

			// A page of more than one number stays within the limit; one number alone may exceed it.
			double limit = total / workers / WorkPages.PAGES_PER_WORKER;
			assertThat(pages).filteredOn((page) -> page.count() > 1)
				.allSatisfy((page) -> assertThat(page.cost()).isLessThanOrEqualTo(limit));
			assertThat(pages.size()).as("pages for %d workers", workers)
				.isGreaterThanOrEqualTo(workers * WorkPages.PAGES_PER_WORKER);
		}
	}

	@Test
	void putsCheapNeighboursOnOnePageAndCostlyNumbersOnPagesOfTheirOwn() {
		// The book's numbers cost 1.2 to 2.1 million divisions each, under the least worth a page (about 4.2 million).
		assertThat(WorkPages.split(BOOK_NUMBERS, 2, Algorithm.NAIVE, 256)).extracting(Page::from, Page::count)
			.containsExactly(tuple(2, 2), tuple(0, 2));
		assertThat(WorkPages.split(List.of(20_000_000L, 30_000_000L, 40_000_000L), 2, Algorithm.NAIVE, 256))
			.extracting(Page::from)
			.containsExactly(2, 1, 0);
	}

	@Test
	void keepsARunTooSmallToBalanceOnOnePage() {
		List<Long> numbers = randomNumbers(new Random(2), 40, 1000L);

		assertThat(WorkPages.split(numbers, 2, Algorithm.NAIVE, 256)).singleElement()
			.isEqualTo(new Page(0, 40, numbers.stream().mapToDouble((n) -> n).sum()));
	}

	/**
	 * Workers that take the next page as they free up end closer together than workers given fixed shares of equal
	 * estimated work, when one of them runs slower than estimated (another process on its core): here one of two
	 * runs at 80% speed, and the job waits for the last.
	 */
	@Test
	void pagesTakenAsWorkersFreeUpEndCloseTogetherWhenOneWorkerIsSlower() {
		List<Long> numbers = randomNumbers(new Random(53), 40, 80_000_000L);
		double total = numbers.stream().mapToDouble((n) -> n).sum();
		double[] speed = { 1.0, 0.8 };
		// Ideal: the two together do total at a speed of 1.8.
		double ideal = total / 1.8;

		double end = simulate(WorkPages.split(numbers, 2, Algorithm.NAIVE, 256), speed);

		assertThat(end / ideal).isLessThan(1.03);
		// Fixed halves: the slower worker's half takes total / 2 / 0.8 = 1.125 of the ideal.
		assertThat((total / 2 / 0.8) / ideal).isGreaterThan(1.1);
	}

	@Test
	void estimatesCostByAlgorithm() {
		assertThat(WorkPages.cost(1_000_000L, Algorithm.NAIVE)).isEqualTo(1_000_000.0);
		assertThat(WorkPages.cost(1_000_000L, Algorithm.FAST)).isEqualTo(1_000.0);
	}

	/** When the last page ends if each worker takes the next page as it frees up, at its own speed. */
	private static double simulate(List<Page> pages, double[] speed) {
		PriorityQueue<double[]> free = new PriorityQueue<>(Comparator.comparingDouble((double[] w) -> w[0]));
		for (int w = 0; w < speed.length; w++) {
			free.add(new double[] { 0, w });
		}
		double end = 0;
		for (Page page : pages) {
			double[] worker = free.poll();
			worker[0] += page.cost() / speed[(int) worker[1]];
			end = Math.max(end, worker[0]);
			free.add(worker);
		}
		return end;
	}

	private static List<Long> randomNumbers(Random random, int count, long max) {
		List<Long> numbers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			numbers.add(1 + random.nextLong(max));
		}
		return numbers;
	}

}
