package dev.fanout.batch.bench;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench found: the machine, its inputs, every measurement and ratio, notes (output checks, caveats), and
 * the lines it printed, in the order it printed them.
 *
 * @param bench the bench's name ({@code factorize}, {@code life}...)
 * @param command the command line that ran it, e.g. {@code fanout bench factorize --count 4}
 * @param inputs the workload and options, in the order the bench gives them: numbers, lists or text
 * @param lines what the bench printed, from its header to its ratios
 * @param problem why the bench did not complete, or "" when it did
 */
public record BenchResult(String bench, String command, Machine machine, Map<String, Object> inputs,
		List<Measurement> measurements, List<Ratio> ratios, List<String> notes, List<String> lines, String problem) {

	public BenchResult {
		inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
		measurements = List.copyOf(measurements);
		ratios = List.copyOf(ratios);
		notes = List.copyOf(notes);
		lines = List.copyOf(lines);
	}

	/** A bench that could not run or failed, kept in the report with the reason. */
	public static BenchResult failed(String bench, String command, Machine machine, Map<String, Object> inputs,
			String problem) {
		List<String> lines = new java.util.ArrayList<>(BenchText.header(bench, machine, inputs));
		lines.add("  not completed: " + problem);
		return new BenchResult(bench, command, machine, inputs, List.of(), List.of(), List.of(), lines, problem);
	}

	/** The same result, run by {@code command}. */
	public BenchResult ranAs(String command) {
		return new BenchResult(this.bench, command, this.machine, this.inputs, this.measurements, this.ratios,
				this.notes, this.lines, this.problem);
	}

	public boolean completed() {
		return this.problem.isEmpty();
	}

	/** How many ratios have the verdict {@code verdict} ({@code met}, {@code missed}, {@code not judged}). */
	public long count(String verdict) {
		return this.ratios.stream().filter((ratio) -> ratio.verdict().equals(verdict)).count();
	}

	/** How many ratios missed their target. */
	public long missed() {
		return count("missed");
	}

}
