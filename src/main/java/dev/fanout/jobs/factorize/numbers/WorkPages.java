package dev.fanout.jobs.factorize.numbers;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts the numbers into pages of work for workers that each take the next page as they free up, as the plain loop's
 * threads take the next number from a shared counter. A worker's last page is what it may end the run alone with, so
 * pages are small next to a worker's part of the work, and they are taken costliest first, which leaves the cheapest
 * to the end. A page is a run of consecutive input positions, so that its results come back in input order.
 * <p>
 * Shares fixed before the run, of equal estimated work, ended apart by what the estimate missed and by whatever else
 * held one worker's core up (the repository server, the JIT, another process): 3-8% of a two-thread run here.
 */
public final class WorkPages {

	/** Pages per worker's part of the work, at most: its last page is then at most about 1/16 of its time. */
	static final int PAGES_PER_WORKER = 16;

	/**
	 * The least estimated cost worth a page of its own: about 10 ms of divisions. Below it a page's claim and commit
	 * would cost more than the balance it buys; a run this small takes one page.
	 */
	static final double LEAST_PAGE_COST = 1 << 22;

	private WorkPages() {
	}

	/** A page: the input positions {@code from} to {@code from + count - 1}, and their estimated cost. */
	public record Page(int from, int count, double cost) {

	}

	/**
	 * The pages for {@code workers} workers, in the order to take them: costliest first (then by position), each at
	 * most {@code maxCount} numbers. One worker takes them all, in input order.
	 */
	public static List<Page> split(List<Long> numbers, int workers, Algorithm algorithm, int maxCount) {
		double total = 0;
		for (long number : numbers) {
			total += cost(number, algorithm);
		}
		double largest = (workers <= 1) ? Double.POSITIVE_INFINITY
				: Math.max(total / ((double) workers * PAGES_PER_WORKER), LEAST_PAGE_COST);
		List<Page> pages = new ArrayList<>();
		int from = 0;
		double cost = 0;
		for (int position = 0; position < numbers.size(); position++) {
			double next = cost(numbers.get(position), algorithm);
			int count = position - from;
			if (count > 0 && (count == maxCount || cost + next > largest)) {
				pages.add(new Page(from, count, cost));
				from = position;
				cost = 0;
			}
			cost += next;
		}
		if (from < numbers.size()) {
			pages.add(new Page(from, numbers.size() - from, cost));
		}
		if (workers > 1) {
			pages.sort(Comparator.comparingDouble(Page::cost).reversed().thenComparingInt(Page::from));
		}
		return pages;
	}

	/** Estimated work: the naive loop runs n times, trial division at most √n times. */
	static double cost(long number, Algorithm algorithm) {
		return (algorithm == Algorithm.NAIVE) ? number : Math.sqrt(number);
	}

}
