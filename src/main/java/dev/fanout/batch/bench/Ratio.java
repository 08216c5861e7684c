package dev.fanout.batch.bench;

import java.math.BigDecimal;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * A ratio the bench reports, with the target it should reach, if it has one.
 *
 * @param label what is divided by what, e.g. {@code job / plain loop, 2 threads}
 * @param value the ratio
 * @param basis which runs it compares: the best of each contender's runs, or the median
 * @param target what it should reach, or {@code null} for a ratio shown for information
 * @param judged false where the workload is too small for its figures to mean anything ({@code bench all --size
 * tiny}): the verdict is then {@code not judged}, never met or missed
 */
public record Ratio(String label, double value, Basis basis, @Nullable Target target, boolean judged) {

	/** The most decimals tried before the value is printed exactly: a double needs at most 17 significant digits. */
	private static final int MAX_DECIMALS = 20;

	/** Which run of each contender a ratio compares. */
	public enum Basis {

		/** The fastest run of each: the least disturbed by the shared machine. */
		BEST("best runs"),

		/** The middle run of each: what a run usually costs on the machine. */
		MEDIAN("median runs");

		private final String description;

		Basis(String description) {
			this.description = description;
		}

		/** {@code best runs} or {@code median runs}. */
		public String describe() {
			return this.description;
		}

		/** The figure of a measurement this basis compares. */
		public double of(Measurement measurement) {
			return (this == BEST) ? measurement.best() : measurement.median();
		}

	}

	/** A judged ratio of best runs. */
	public Ratio(String label, double value, @Nullable Target target) {
		this(label, value, Basis.BEST, target, true);
	}

	/** {@code met}, {@code missed}, {@code not judged}, or {@code no target}. */
	public String verdict() {
		if (this.target == null) {
			return "no target";
		}
		if (!this.judged) {
			return "not judged";
		}
		return this.target.met(this.value) ? "met" : "missed";
	}

	/**
	 * {@code job / plain loop, 2 threads: 1.04, best runs (target <= 1.10: met)}. Two decimals, or as many more as
	 * it takes for the value shown to fall on the side of the limit that the verdict says: {@code 1.053 (target <=
	 * 1.05: missed)}, never {@code 1.05 (target <= 1.05: missed)}.
	 */
	public String line() {
		String verdict = (this.target == null) ? "no target"
				: "target %s: %s".formatted(this.target.describe(), verdict());
		return "%s: %s, %s (%s)".formatted(this.label, shown(), this.basis.describe(), verdict);
	}

	/**
	 * The value with two decimals, or as many more as it takes for the number printed to be met or missed as the
	 * value is, and exactly when no rounding is: {@code 1.0500000001} is never printed {@code 1.050000}.
	 */
	public String shown() {
		return shown(2);
	}

	/** {@link #shown()} with at least {@code fewest} decimals. */
	public String shown(int fewest) {
		if (this.target == null || !Double.isFinite(this.value)) {
			return decimals(fewest);
		}
		boolean met = this.target.met(this.value);
		for (int decimals = fewest; decimals <= MAX_DECIMALS; decimals++) {
			String shown = decimals(decimals);
			if (this.target.met(Double.parseDouble(shown)) == met) {
				return shown;
			}
		}
		return new BigDecimal(this.value).toPlainString();
	}

	private String decimals(int decimals) {
		return String.format(Locale.ROOT, "%." + decimals + "f", this.value);
	}

}
