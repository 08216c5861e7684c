package dev.fanout.jobs.life;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.DataPaths;
import dev.fanout.core.DurationText;
import dev.fanout.core.WholeNumbers;

/**
 * The typed parameters of one {@code life} run.
 *
 * @param width the grid's width, or 0 for the pattern's
 * @param height the grid's height, or 0 for the pattern's
 * @param placement where the pattern goes
 * @param checkpoint generations per partitioned step, or 0 to choose automatically
 * @param virtualThreads whether per-cell work ({@code cellLatency}) runs on virtual threads
 * @param cellThreads the platform threads per band for per-cell work
 */
record LifeParameters(Path pattern, int width, int height, Placement placement, int generations, int partitions,
		int checkpoint, boolean virtualThreads, int cellThreads, Duration cellLatency) {

	static final String DEFAULT_PATTERN = "life/glider.txt";

	static final int MAX_SIDE = 1 << 20;

	static final int MAX_GENERATIONS = 100_000_000;

	static LifeParameters from(JobParameters parameters, Path dataDir) {
		Path pattern = DataPaths.resolveInside(dataDir, "pattern", parameters.getString("pattern", DEFAULT_PATTERN));
		String placement = parameters.getString("placement");
		String x = parameters.getString("x");
		String y = parameters.getString("y");
		if (placement != null && (x != null || y != null)) {
			throw new IllegalArgumentException("give either placement=center or x= and y=, not both");
		}
		if (placement != null && !placement.toLowerCase(Locale.ROOT).equals("center")) {
			throw new IllegalArgumentException("placement=%s: the only placement is center (or give x= and y=)"
				.formatted(placement));
		}
		Placement where = (placement != null) ? Placement.CENTER
				: Placement.at(number("x", x, 0, 0, MAX_SIDE - 1), number("y", y, 0, 0, MAX_SIDE - 1));
		String executor = parameters.getString("executor", "platform").toLowerCase(Locale.ROOT);
		if (!executor.equals("platform") && !executor.equals("virtual")) {
			throw new IllegalArgumentException("executor=%s is not platform or virtual".formatted(executor));
		}
		Duration latency = DurationText.parse("cellLatency", parameters.getString("cellLatency", "0"));
		if (latency.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException("cellLatency=%s is more than 10s".formatted(DurationText.format(latency)));
		}
		return new LifeParameters(pattern, number("width", parameters.getString("width"), 0, 1, MAX_SIDE),
				number("height", parameters.getString("height"), 0, 1, MAX_SIDE),
				where, generations(parameters),
				number("partitions", parameters.getString("partitions"), Runtime.getRuntime().availableProcessors(), 1,
						256),
				number("checkpoint", parameters.getString("checkpoint"), 0, 1, MAX_GENERATIONS),
				executor.equals("virtual"), number("cellThreads", parameters.getString("cellThreads"), 16, 1, 4096),
				latency);
	}

	/** The generations to compute: 4 unless given. */
	static int generations(JobParameters parameters) {
		return number("generations", parameters.getString("generations"), 4, 0, MAX_GENERATIONS);
	}

	/** A whole number from {@code min} to {@code max}, or {@code absent} when the parameter is not given. */
	private static int number(String name, @Nullable String value, int absent, int min, int max) {
		if (value == null || (name.equals("checkpoint") && value.trim().equalsIgnoreCase("auto"))) {
			return absent;
		}
		return WholeNumbers.parse(name, value, min, max);
	}

}
