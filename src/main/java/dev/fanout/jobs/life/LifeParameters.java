package dev.fanout.jobs.life;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.ParameterValues;
import dev.fanout.core.DataPaths;
import dev.fanout.core.DurationText;
import dev.fanout.core.WholeNumbers;
import dev.fanout.jobs.life.grid.Placement;

/**
 * The typed parameters of one {@code life} run, parsed once per launch ({@link LifeJobDescription}, which declares
 * the defaults).
 *
 * @param width the grid's width, or 0 for the pattern's
 * @param height the grid's height, or 0 for the pattern's
 * @param placement where the pattern goes
 * @param checkpoint generations per partitioned step, or 0 to choose automatically
 * @param virtualThreads whether per-cell work ({@code cellLatency}) runs on virtual threads
 * @param cellThreads the platform threads per band for per-cell work
 * @param setup the pattern as a first launch read and checked it, for the seed step; {@code null} when not read (a
 * restart, which resumes from its checkpoints)
 */
record LifeParameters(Path pattern, int width, int height, Placement placement, int generations, int partitions,
		int checkpoint, boolean virtualThreads, int cellThreads, Duration cellLatency, @Nullable LifeSetup setup) {

	static final String DEFAULT_PATTERN = "life/glider.txt";

	static final int MAX_SIDE = 1 << 20;

	static final int MAX_GENERATIONS = 100_000_000;

	static final int MAX_PARTITIONS = 256;

	/** Parses and checks the values, defaults applied, without reading the pattern. */
	static LifeParameters parse(ParameterValues values, Path dataDir) {
		Path pattern = DataPaths.resolveInput(dataDir, values.required("pattern"));
		String placement = values.get("placement");
		String x = values.get("x");
		String y = values.get("y");
		if (placement != null && (x != null || y != null)) {
			throw new IllegalArgumentException("give either placement=center or x= and y=, not both");
		}
		if (placement != null && !placement.toLowerCase(Locale.ROOT).equals("center")) {
			throw new IllegalArgumentException("placement=%s: the only placement is center (or give x= and y=)"
				.formatted(placement));
		}
		Placement where = (placement != null) ? Placement.CENTER
				: Placement.at(optional("x", x, 0, MAX_SIDE - 1), optional("y", y, 0, MAX_SIDE - 1));
		String executor = values.required("executor").toLowerCase(Locale.ROOT);
		if (!executor.equals("platform") && !executor.equals("virtual")) {
			throw new IllegalArgumentException("executor=%s is not platform or virtual".formatted(executor));
		}
		Duration latency = values.duration("cellLatency");
		if (latency.compareTo(Duration.ofSeconds(10)) > 0) {
			throw new IllegalArgumentException("cellLatency=%s is more than 10s".formatted(DurationText.format(latency)));
		}
		String checkpoint = values.required("checkpoint");
		return new LifeParameters(pattern, optional("width", values.get("width"), 1, MAX_SIDE),
				optional("height", values.get("height"), 1, MAX_SIDE), where,
				values.whole("generations", 0, MAX_GENERATIONS), values.whole("partitions", 1, MAX_PARTITIONS),
				checkpoint.trim().equalsIgnoreCase("auto") ? 0 : values.whole("checkpoint", 1, MAX_GENERATIONS),
				executor.equals("virtual"), values.whole("cellThreads", 1, 4096), latency, null);
	}

	/** These parameters with the pattern read and checked against the grid and the heap: what a first launch hands over. */
	LifeParameters withSetup() {
		return new LifeParameters(this.pattern, this.width, this.height, this.placement, this.generations,
				this.partitions, this.checkpoint, this.virtualThreads, this.cellThreads, this.cellLatency,
				LifeSetup.of(this));
	}

	/** The setup the launch read, else read now (the seed step of a launch that did not read it). */
	LifeSetup readSetup() {
		return (this.setup != null) ? this.setup : LifeSetup.of(this);
	}

	/** A whole number from {@code min} to {@code max}, or 0 when the parameter (which has no default) is not given. */
	private static int optional(String name, @Nullable String value, int min, int max) {
		return (value != null) ? WholeNumbers.parse(name, value, min, max) : 0;
	}

}
