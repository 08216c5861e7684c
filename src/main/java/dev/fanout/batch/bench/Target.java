package dev.fanout.batch.bench;

import java.math.BigDecimal;

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

	/**
	 * {@code <= 1.10} or {@code >= 1.85}: the limit exactly (the shortest decimal that is this double), with at least
	 * two decimals, so that a limit such as 1/0.9 is never shown rounded to one it is not.
	 */
	public String describe() {
		BigDecimal exact = BigDecimal.valueOf(this.limit);
		if (exact.scale() < 2) {
			exact = exact.setScale(2);
		}
		return (this.atMost ? "<= " : ">= ") + exact.toPlainString();
	}

}
