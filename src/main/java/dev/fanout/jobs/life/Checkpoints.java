package dev.fanout.jobs.life;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.stream.Stream;
import dev.fanout.jobs.life.grid.Pattern;

/**
 * The files of one life instance. Checkpoints ({@code gen-000000120.grid}, in the output directory) are the truth
 * about how far the instance got: each is written atomically, after the populations of its generations, so the latest
 * one is always complete and a restart resumes from it. Band files and population files live in the work directory.
 */
record Checkpoints(Path output, Path work) {

	private static final java.util.regex.Pattern GRID = java.util.regex.Pattern.compile("gen-(\\d{9})\\.grid");

	Path grid(long generation) {
		return this.output.resolve("gen-%09d.grid".formatted(generation));
	}

	Path band(long generation, int band) {
		return this.work.resolve("gen-%09d-band-%d.grid".formatted(generation, band));
	}

	/** The populations of the generations after the previous checkpoint up to {@code generation}, one per line. */
	Path populations(long generation) {
		return this.work.resolve("populations-%09d.csv".formatted(generation));
	}

	/** The generation of the latest checkpoint, or -1 when there is none yet. */
	long latest() {
		if (!Files.isDirectory(this.output)) {
			return -1;
		}
		try (Stream<Path> files = Files.list(this.output)) {
			return files.map((f) -> GRID.matcher(f.getFileName().toString()))
				.filter(Matcher::matches)
				.mapToLong((m) -> Long.parseLong(m.group(1)))
				.max()
				.orElse(-1);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
