package dev.fanout.jobs.factorize.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;

import dev.fanout.core.AtomicFiles;
import dev.fanout.jobs.factorize.numbers.Algorithm;

/**
 * The bench's reference: the factorize job's work as a plain Java program does it, written here apart from the job's
 * code (its {@code Factorizer} and {@code WorkShares} are not used), so that a regression in the job's kernel or its
 * division of work shows as a ratio instead of slowing both contenders alike. It divides in 32 bits when a number fits
 * in an {@code int}, in 64 otherwise; its threads take the numbers largest first from a shared counter; it writes the
 * job's CSV (header, then one line per number in input order), which the bench compares byte for byte.
 */
final class PlainFactorizeLoop {

	/** The job's CSV header, written out here so that a change of the job's format fails the bench's comparison. */
	static final String HEADER = "number,divisor_count,divisors";

	private PlainFactorizeLoop() {
	}

	/**
	 * Reads the numbers from {@code input}, the file the job is given (one per line; blank lines and {@code #}
	 * comments skipped), factorizes them and writes the CSV: the job's work from its input file to its output file,
	 * so that neither contender is spared the reading.
	 */
	static void run(Path input, int threads, Algorithm algorithm, Path output) throws Exception {
		List<Long> numbers = new ArrayList<>();
		for (String line : Files.readAllLines(input)) {
			String number = line.strip();
			if (!number.isEmpty() && !number.startsWith("#")) {
				numbers.add(Long.parseLong(number));
			}
		}
		run(numbers, threads, algorithm, output);
	}

	/** Factorizes {@code numbers} on {@code threads} threads and writes the CSV to {@code output}. */
	static void run(List<Long> numbers, int threads, Algorithm algorithm, Path output) throws Exception {
		String[] lines = lines(numbers, threads, algorithm);
		AtomicFiles.write(output, (writer) -> {
			writer.write(HEADER);
			writer.newLine();
			for (String line : lines) {
				writer.write(line);
				writer.newLine();
			}
		});
	}

	/** The CSV lines, in input order. */
	static String[] lines(List<Long> numbers, int threads, Algorithm algorithm) throws InterruptedException {
		long[] values = numbers.stream().mapToLong(Long::longValue).toArray();
		// Largest first: the naive loop's cost grows with the number, and a big one taken last would run alone.
		int[] order = IntStream.range(0, values.length)
			.boxed()
			.sorted(Comparator.comparingLong((Integer i) -> values[i]).reversed())
			.mapToInt(Integer::intValue)
			.toArray();
		String[] lines = new String[values.length];
		AtomicInteger next = new AtomicInteger();
		AtomicReference<RuntimeException> failure = new AtomicReference<>();
		Thread[] workers = new Thread[Math.max(1, threads)];
		for (int t = 0; t < workers.length; t++) {
			workers[t] = Thread.ofPlatform().name("plain-factorize-" + t).start(() -> {
				try {
					for (int k = next.getAndIncrement(); k < order.length; k = next.getAndIncrement()) {
						int position = order[k];
						// Each position is taken once: no two threads write the same slot; join publishes them.
						lines[position] = csvLine(values[position], divisors(values[position], algorithm));
					}
				}
				catch (RuntimeException ex) {
					failure.compareAndSet(null, ex);
				}
			});
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (failure.get() != null) {
			throw failure.get();
		}
		return lines;
	}

	static String csvLine(long number, long[] divisors) {
		StringBuilder line = new StringBuilder(16 + divisors.length * 8);
		line.append(number).append(',').append(divisors.length).append(',');
		for (int i = 0; i < divisors.length; i++) {
			if (i > 0) {
				line.append(' ');
			}
			line.append(divisors[i]);
		}
		return line.toString();
	}

	static long[] divisors(long number, Algorithm algorithm) {
		if (number < 1) {
			throw new IllegalArgumentException(number + " is not a positive number");
		}
		if (algorithm == Algorithm.FAST) {
			return byPrimeFactors(number);
		}
		return (number <= Integer.MAX_VALUE) ? naiveInt((int) number) : naiveLong(number);
	}

	/** Every i from 1 to the number, in {@code int} division: several times cheaper than {@code long} on x86-64. */
	static long[] naiveInt(int number) {
		Found found = new Found();
		// i < number, then the number itself: i <= Integer.MAX_VALUE would wrap around.
		for (int i = 1; i < number; i++) {
			if (number % i == 0) {
				found.add(i);
			}
		}
		found.add(number);
		return found.toArray();
	}

	static long[] naiveLong(long number) {
		Found found = new Found();
		for (long i = 1; i < number; i++) {
			if (number % i == 0) {
				found.add(i);
			}
		}
		found.add(number);
		return found.toArray();
	}

	/**
	 * Prime factors by trial division (2, 3, then 6k - 1 and 6k + 1 up to the square root of what is left), then every
	 * product of their powers, sorted.
	 */
	static long[] byPrimeFactors(long number) {
		Found divisors = new Found();
		divisors.add(1);
		long rest = number;
		rest = divideOut(rest, 2, divisors);
		rest = divideOut(rest, 3, divisors);
		// Bounded by the square root of what is left, recomputed only when it shrinks: one division per candidate.
		long bound = isqrt(rest);
		for (long f = 5; f <= bound; f += 6) {
			long before = rest;
			rest = divideOut(rest, f, divisors);
			rest = divideOut(rest, f + 2, divisors);
			if (rest != before) {
				bound = isqrt(rest);
			}
		}
		if (rest > 1) {
			divideOut(rest, rest, divisors);
		}
		long[] all = divisors.toArray();
		Arrays.sort(all);
		return all;
	}

	/** ⌊√n⌋: the double's root, corrected where it is one off (every square up to 3,037,000,499² fits a long). */
	static long isqrt(long n) {
		long r = (long) Math.sqrt(n);
		if (r > 3_037_000_499L) {
			r = 3_037_000_499L;
		}
		while (r * r > n) {
			r--;
		}
		while (r < 3_037_000_499L && (r + 1) * (r + 1) <= n) {
			r++;
		}
		return r;
	}

	/** Divides {@code prime} out of {@code rest} and adds each divisor found times each power of it; the rest left. */
	private static long divideOut(long rest, long prime, Found divisors) {
		int known = divisors.count;
		long power = 1;
		while (rest % prime == 0) {
			rest /= prime;
			power *= prime;
			for (int i = 0; i < known; i++) {
				divisors.add(divisors.values[i] * power);
			}
		}
		return rest;
	}

	/** A growing array of divisors. */
	private static final class Found {

		private long[] values = new long[32];

		private int count;

		void add(long value) {
			if (this.count == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.count * 2);
			}
			this.values[this.count++] = value;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.count);
		}

	}

}
