package dev.fanout.batch.bench;

import java.util.Locale;

/**
 * What a ratio should reach: at most (a time ratio, job ÷ reference) or at least (a speed-up) a limit.
 *
 * @param atMost true for "≤ limit", false for "≥ limit"
 * @param limit the limit
 */
public record Target(boolean atMost, double limit) {

	public static Target atMost(double limit) {
		return new Target(true, limit);
	}

	public static Target atLeast(double limit) {
		return new Target(false, limit);
	}

	public boolean met(double value) {
		return this.atMost ? value <= this.limit : value >= this.limit;
	}

	/** {@code <= 1.10} or {@code >= 1.85}. */
	public String describe() {
		return String.format(Locale.ROOT, "%s %.2f", this.atMost ? "<=" : ">=", this.limit);
	}

}
