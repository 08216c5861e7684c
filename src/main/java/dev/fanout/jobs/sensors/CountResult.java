package dev.fanout.jobs.sensors;

import java.util.Locale;

/**
 * What one run counted: the job's report, the line of its result file, and a row of the benchmark.
 *
 * @param seconds wall time of the counting (the manager step) in the execution that completed it
 */
public record CountResult(CounterMode counter, int sensors, long readings, long expected, long found, double seconds) {

	static final String HEADER = "counter,sensors,readings,expected,found,lost,seconds";

	/** Updates the counter lost: readings taken but not counted. */
	public long lost() {
		return this.expected - this.found;
	}

	/** {@code counter=locked expected 500000 found 500000 in 0.42 s}, plus the loss if any. */
	String description() {
		String description = String.format(Locale.ROOT, "counter=%s expected %d found %d in %.2f s", this.counter,
				this.expected, this.found, this.seconds);
		return (lost() > 0) ? description + ": %d updates lost".formatted(lost()) : description;
	}

	String csvLine() {
		return String.join(",", this.counter.toString(), Integer.toString(this.sensors), Long.toString(this.readings),
				Long.toString(this.expected), Long.toString(this.found), Long.toString(lost()),
				String.format(Locale.ROOT, "%.3f", this.seconds));
	}

	/** Parses a {@link #csvLine()}. */
	public static CountResult parse(String line) {
		String[] fields = line.trim().split(",");
		if (fields.length != 7) {
			throw new IllegalArgumentException("not a sensors result line: " + line);
		}
		return new CountResult(CounterMode.parse(fields[0]), Integer.parseInt(fields[1]), Long.parseLong(fields[2]),
				Long.parseLong(fields[3]), Long.parseLong(fields[4]), Double.parseDouble(fields[6]));
	}

}
