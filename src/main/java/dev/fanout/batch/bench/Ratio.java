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

	/** {@code job / plain loop, 2 threads: 1.04 (target <= 1.10: met)}. */
	public String line() {
		String value = String.format(Locale.ROOT, "%.2f", this.value);
		if (this.target == null) {
			return "%s: %s (no target)".formatted(this.label, value);
		}
		return "%s: %s (target %s: %s)".formatted(this.label, value, this.target.describe(), verdict());
	}

}
