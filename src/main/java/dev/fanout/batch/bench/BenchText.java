package dev.fanout.batch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The text of a bench, the same printed live by {@link BenchRun} and written into a {@link BenchReport}. */
final class BenchText {

	private static final int LABEL = 52;

	/** The heading of the ratios; each line says which runs it compares. */
	static final String RATIOS = "ratios (each on the runs it names):";

	private BenchText() {
	}

	static List<String> header(String bench, Machine machine, Map<String, String> inputs) {
		List<String> lines = new ArrayList<>();
		lines.add("bench " + bench + " on " + machine.describe());
		inputs.forEach((name, value) -> lines.add("  " + name + ": " + value));
		return lines;
	}

	static String measurement(Measurement measurement) {
		String label = measurement.label();
		String line = String.format(Locale.ROOT, "  %-" + LABEL + "s best %8.3f s  median %8.3f s  %2d run%s",
				label, measurement.best(), measurement.median(), measurement.samples().size(),
				(measurement.samples().size() == 1) ? " " : "s");
		if (!Double.isNaN(measurement.cores())) {
			line += String.format(Locale.ROOT, "  %.1f cores", measurement.cores());
		}
		return measurement.detail().isEmpty() ? line : line + "  " + measurement.detail();
	}

	static String ratio(Ratio ratio) {
		return "  " + ratio.line();
	}

	static List<String> all(BenchResult result) {
		List<String> lines = new ArrayList<>(header(result.bench(), result.machine(), result.inputs()));
		if (!result.completed()) {
			lines.add("  not completed: " + result.problem());
		}
		result.measurements().forEach((m) -> lines.add(measurement(m)));
		result.notes().forEach((note) -> lines.add("  " + note));
		if (!result.ratios().isEmpty()) {
			lines.add(RATIOS);
			result.ratios().forEach((r) -> lines.add(ratio(r)));
		}
		return lines;
	}

}
