package dev.fanout.batch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The lines of a bench that {@link BenchRun} prints, and keeps for the text of a {@link BenchReport}. */
final class BenchText {

	private static final int LABEL = 52;

	/** The heading of the ratios; each line says which runs it compares. */
	static final String RATIOS = "ratios (each on the runs it names):";

	private BenchText() {
	}

	static List<String> header(String bench, Machine machine, Map<String, Object> inputs) {
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

}
