package dev.fanout.batch.bench;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One run of a bench, printed as it goes: the machine and the inputs first ({@link #start}), each measurement as it
 * completes, notes, and the ratios with their targets at the end ({@link #finish}), which returns the result.
 * Used by one thread, the bench's.
 */
public final class BenchRun {

	private final String bench;

	private final PrintWriter out;

	private final Machine machine = Machine.current();

	private final Map<String, String> inputs = new LinkedHashMap<>();

	private final List<Measurement> measurements = new ArrayList<>();

	private final List<Ratio> ratios = new ArrayList<>();

	private final List<String> notes = new ArrayList<>();

	public BenchRun(String bench, PrintWriter out) {
		this.bench = bench;
		this.out = out;
	}

	public BenchRun input(String name, Object value) {
		this.inputs.put(name, String.valueOf(value));
		return this;
	}

	/** Prints the machine and the inputs given so far. */
	public void start() {
		BenchText.header(this.bench, this.machine, this.inputs).forEach(this.out::println);
		this.out.flush();
	}

	public Measurement add(Measurement measurement) {
		this.measurements.add(measurement);
		this.out.println(BenchText.measurement(measurement));
		this.out.flush();
		return measurement;
	}

	public List<Measurement> add(List<Measurement> measurements) {
		measurements.forEach(this::add);
		return measurements;
	}

	public void note(String note) {
		this.notes.add(note);
		this.out.println("  " + note);
		this.out.flush();
	}

	/** A ratio of best runs. */
	public Ratio ratio(String label, double value, @Nullable Target target) {
		return ratio(label, value, Ratio.Basis.BEST, target);
	}

	public Ratio ratio(String label, double value, Ratio.Basis basis, @Nullable Target target) {
		Ratio ratio = new Ratio(label, value, basis, target, true);
		this.ratios.add(ratio);
		return ratio;
	}

	/** Prints the ratios and returns everything measured. */
	public BenchResult finish() {
		BenchResult result = new BenchResult(this.bench, this.machine, this.inputs, this.measurements, this.ratios,
				this.notes, "");
		if (!this.ratios.isEmpty()) {
			this.out.println(BenchText.RATIOS);
			this.ratios.forEach((ratio) -> this.out.println(BenchText.ratio(ratio)));
		}
		this.out.flush();
		return result;
	}

	public Machine machine() {
		return this.machine;
	}

	public Map<String, String> inputs() {
		return this.inputs;
	}

}
