package dev.fanout.batch.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One run of a bench, printed as it goes: the machine and the inputs first ({@link #start}), each measurement as it
 * completes, notes, and the ratios with their targets at the end ({@link #finish}), which returns the result with
 * every line printed, in order. A run that is not judged ({@code bench all --size tiny}: figures of a workload too
 * small to mean anything) gives every ratio with a target the verdict {@code not judged}. Used by one thread, the
 * bench's.
 */
public final class BenchRun {

	private final String bench;

	private final PrintWriter out;

	private final Machine machine = Machine.current();

	private final boolean judged;

	private final Map<String, Object> inputs = new LinkedHashMap<>();

	private final List<Measurement> measurements = new ArrayList<>();

	private final List<Ratio> ratios = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	private final List<String> lines = new ArrayList<>();

	/** A judged run. */
	public BenchRun(String bench, PrintWriter out) {
		this(bench, out, true);
	}

	public BenchRun(String bench, PrintWriter out, boolean judged) {
		this.bench = bench;
		this.out = out;
		this.judged = judged;
	}

	/** An input: a number, a list, or anything else, which is shown as its text. */
	public BenchRun input(String name, Object value) {
		this.inputs.put(name, value);
		return this;
	}

	/** Prints the machine and the inputs given so far. */
	public void start() {
		BenchText.header(this.bench, this.machine, this.inputs).forEach(this::print);
		if (!this.judged) {
			print("  verdicts: not judged (a workload too small for its figures to mean anything)");
		}
		this.out.flush();
	}

	public Measurement add(Measurement measurement) {
		this.measurements.add(measurement);
		print(BenchText.measurement(measurement));
		this.out.flush();
		return measurement;
	}

	public List<Measurement> add(List<Measurement> measurements) {
		measurements.forEach(this::add);
		return measurements;
	}

	public void note(String note) {
		this.notes.add(note);
		print("  " + note);
		this.out.flush();
	}

	/** A ratio of best runs. */
	public Ratio ratio(String label, double value, @Nullable Target target) {
		return ratio(label, value, Ratio.Basis.BEST, target);
	}

	public Ratio ratio(String label, double value, Ratio.Basis basis, @Nullable Target target) {
		Ratio ratio = new Ratio(label, value, basis, target, this.judged);
		this.ratios.add(ratio);
		return ratio;
	}

	/** Prints the ratios and returns everything measured. */
	public BenchResult finish() {
		if (!this.ratios.isEmpty()) {
			print(BenchText.RATIOS);
			this.ratios.forEach((ratio) -> print(BenchText.ratio(ratio)));
		}
		this.out.flush();
		return new BenchResult(this.bench, "fanout bench " + this.bench, this.machine, this.inputs, this.measurements,
				this.ratios, this.notes, this.lines, "");
	}

	private void print(String line) {
		this.lines.add(line);
		this.out.println(line);
	}

	public Machine machine() {
		return this.machine;
	}

	public Map<String, Object> inputs() {
		return this.inputs;
	}

}
