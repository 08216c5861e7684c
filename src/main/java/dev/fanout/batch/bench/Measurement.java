package dev.fanout.batch.bench;

import java.util.Arrays;
import java.util.List;

/**
 * The repeated runs of one contender: each run's wall and CPU time, and the best and median of them. The best is the
 * run least disturbed by the shared machine; ratios compare best with best, and the median shows the spread.
 *
 * @param label what ran and what its time covers, e.g. {@code job, 2 threads (whole run)}
 * @param samples the measured runs, warm-ups not included, in the order they ran
 * @param detail what else the bench says of it (a rate, a peak heap), or ""
 */
public record Measurement(String label, List<Sample> samples, String detail) {

	public Measurement(String label, List<Sample> samples) {
		this(label, samples, "");
	}

	public Measurement {
		if (samples.isEmpty()) {
			throw new IllegalArgumentException(label + ": a measurement needs at least one run");
		}
		samples = List.copyOf(samples);
	}

	public Measurement withDetail(String detail) {
		return new Measurement(this.label, this.samples, detail);
	}

	public double best() {
		return seconds()[0];
	}

	public double median() {
		double[] sorted = seconds();
		int middle = sorted.length / 2;
		return (sorted.length % 2 == 1) ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
	}

	/** The median of the runs' cores kept busy (CPU ÷ wall); NaN if no run knows its CPU time. */
	public double cores() {
		double[] cores = this.samples.stream().mapToDouble(Sample::cores).filter((c) -> !Double.isNaN(c)).sorted().toArray();
		return (cores.length == 0) ? Double.NaN : cores[cores.length / 2];
	}

	private double[] seconds() {
		double[] sorted = this.samples.stream().mapToDouble(Sample::seconds).toArray();
		Arrays.sort(sorted);
		return sorted;
	}

}
