package dev.fanout.batch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Warm-up and repetition, the same for every contender of a bench: each contender runs {@code warmups} times
 * unmeasured, then the measured rounds run every contender once, in turn, each round starting one contender further
 * ({@link #order}). Alternating spreads a disturbance of the shared machine over all contenders instead of landing on
 * whichever ran during it; rotating keeps any one contender from always running first (after a pause, on a cold
 * cache) or always right after the same other one.
 */
public final class Runs {

	private Runs() {
	}

	/**
	 * One contender: a run that times itself (usually with {@link Sample#time}), so that it can check its output
	 * after the clock stopped, and throw if the output is wrong.
	 */
	public record Contender(String label, Callable<Sample> run) {

	}

	public static Contender contender(String label, Callable<Sample> run) {
		return new Contender(label, run);
	}

	/** The contenders' measurements, in the order given. */
	public static List<Measurement> alternate(int warmups, int repeat, List<Contender> contenders) throws Exception {
		if (warmups < 0 || repeat < 1) {
			throw new IllegalArgumentException("need warm-ups >= 0 and repeat >= 1");
		}
		for (int i = 0; i < warmups; i++) {
			for (Contender contender : contenders) {
				contender.run().call();
			}
		}
		List<List<Sample>> samples = new ArrayList<>();
		contenders.forEach((contender) -> samples.add(new ArrayList<>()));
		for (int round = 0; round < repeat; round++) {
			for (int i : order(round, contenders.size())) {
				samples.get(i).add(contenders.get(i).run().call());
			}
		}
		List<Measurement> measurements = new ArrayList<>();
		for (int i = 0; i < contenders.size(); i++) {
			measurements.add(new Measurement(contenders.get(i).label(), samples.get(i)));
		}
		return measurements;
	}

	/**
	 * The contenders' indexes in the order measured round {@code round} runs them: 0 1 2, then 1 2 0, then 2 0 1...
	 * Public for a bench that runs its rounds itself ({@code bench startup}: its contenders are commands).
	 */
	public static int[] order(int round, int contenders) {
		int[] order = new int[contenders];
		for (int k = 0; k < contenders; k++) {
			order[k] = (round + k) % contenders;
		}
		return order;
	}

	/** One contender alone. */
	public static Measurement repeat(int warmups, int repeat, Contender contender) throws Exception {
		return alternate(warmups, repeat, List.of(contender)).get(0);
	}

}
