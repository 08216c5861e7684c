package dev.fanout.batch.bench;

import java.util.List;
import java.util.Map;

/**
 * What one bench found: the machine, its inputs, every measurement and ratio, and notes (output checks, caveats).
 *
 * @param bench the bench's name ({@code factorize}, {@code life}...)
 * @param inputs the workload and options, in the order the bench gives them
 * @param problem why the bench did not complete, or "" when it did
 */
public record BenchResult(String bench, Machine machine, Map<String, String> inputs, List<Measurement> measurements,
		List<Ratio> ratios, List<String> notes, String problem) {

	public BenchResult {
		inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
		measurements = List.copyOf(measurements);
		ratios = List.copyOf(ratios);
		notes = List.copyOf(notes);
	}

	/** A bench that could not run or failed, kept in the report with the reason. */
	public static BenchResult failed(String bench, Machine machine, Map<String, String> inputs, String problem) {
		return new BenchResult(bench, machine, inputs, List.of(), List.of(), List.of(), problem);
	}

	public boolean completed() {
		return this.problem.isEmpty();
	}

	/** How many ratios missed their target. */
	public long missed() {
		return this.ratios.stream().filter((ratio) -> ratio.verdict().equals("missed")).count();
	}

}
