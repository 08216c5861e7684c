package dev.fanout.jobs.factorize.numbers;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/**
 * Splits numbers into shares of about equal work, one per worker: largest estimated cost first, each to the currently
 * lightest share (the "longest processing time" rule). Equal counts per share would leave one worker with all the big
 * numbers and the others idle. Each share lists input positions in ascending order.
 */
public final class WorkShares {

	private WorkShares() {
	}

	public static List<int[]> split(List<Long> numbers, int workers, Algorithm algorithm) {
		int shares = Math.max(1, Math.min(workers, numbers.size()));
		Integer[] byCost = new Integer[numbers.size()];
		for (int i = 0; i < byCost.length; i++) {
			byCost[i] = i;
		}
		Arrays.sort(byCost, Comparator.comparingDouble((Integer i) -> cost(numbers.get(i), algorithm)).reversed());

		List<List<Integer>> members = new ArrayList<>();
		double[] load = new double[shares];
		PriorityQueue<Integer> lightest = new PriorityQueue<>(
				Comparator.comparingDouble((Integer s) -> load[s]).thenComparingInt(s -> s));
		for (int s = 0; s < shares; s++) {
			members.add(new ArrayList<>());
			lightest.add(s);
		}
		for (int position : byCost) {
			int share = lightest.poll();
			members.get(share).add(position);
			load[share] += cost(numbers.get(position), algorithm);
			lightest.add(share);
		}
		return members.stream().map(m -> m.stream().mapToInt(Integer::intValue).sorted().toArray()).toList();
	}

	/** Estimated work: the naive loop runs n times, trial division at most √n times. */
	static double cost(long number, Algorithm algorithm) {
		return (algorithm == Algorithm.NAIVE) ? number : Math.sqrt(number);
	}

}
