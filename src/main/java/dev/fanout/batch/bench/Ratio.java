package dev.fanout.batch.bench;

import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A ratio the bench reports, with the target it should reach, if it has one.
 *
 * @param label what is divided by what, e.g. {@code job / plain loop, 2 threads}
 * @param value the ratio
 * @param target what it should reach, or {@code null} for a ratio shown for information
 */
public record Ratio(String label, double value, @Nullable Target target) {

	/** {@code met}, {@code missed}, or {@code no target}. */
	public String verdict() {
		if (this.target == null) {
			return "no target";
		}
		return this.target.met(this.value) ? "met" : "missed";
	}

	/**
	 * {@code job / plain loop, 2 threads: 1.04 (target <= 1.10: met)}. Two decimals, or as many more as it takes for
	 * the value shown to fall on the side of the limit that the verdict says: {@code 1.053 (target <= 1.05: missed)},
	 * never {@code 1.05 (target <= 1.05: missed)}.
	 */
	public String line() {
		if (this.target == null) {
			return "%s: %s (no target)".formatted(this.label, shown(2));
		}
		int decimals = 2;
		while (decimals < 6 && this.target.met(Double.parseDouble(shown(decimals))) != this.target.met(this.value)) {
			decimals++;
		}
		return "%s: %s (target %s: %s)".formatted(this.label, shown(decimals), this.target.describe(), verdict());
	}

	private String shown(int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", this.value);
	}

}
