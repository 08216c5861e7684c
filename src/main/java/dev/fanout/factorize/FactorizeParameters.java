package dev.fanout.factorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.system.DataPaths;

/**
 * The typed parameters of one {@code factorize} run, read from its job parameters.
 *
 * @param numbers the inline list ({@code numbers=}), or {@code null} when a file is given
 * @param file the input file ({@code file=}), or {@code null} when numbers are given inline
 * @param threads how many workers factorize concurrently (also the number of partitions)
 * @param algorithm how divisors are found
 */
record FactorizeParameters(@Nullable String numbers, @Nullable Path file, int threads, Algorithm algorithm) {

	static final int MAX_THREADS = 256;

	static FactorizeParameters from(JobParameters parameters, Path dataDir) {
		String numbers = parameters.getString("numbers");
		String file = parameters.getString("file");
		if ((numbers == null) == (file == null)) {
			throw new IllegalArgumentException("give either numbers=N1,N2,... or file=PATH (not both, not neither)");
		}
		Path path = (file != null) ? DataPaths.existingFileInside(dataDir, "file", file) : null;
		return new FactorizeParameters(numbers, path, threads(parameters.getString("threads", "1")),
				Algorithm.parse(parameters.getString("algorithm", "fast")));
	}

	private static int threads(String value) {
		int threads;
		try {
			threads = Integer.parseInt(value.trim());
		}
		catch (NumberFormatException ex) {
			threads = 0;
		}
		if (threads < 1 || threads > MAX_THREADS) {
			throw new IllegalArgumentException(
					"threads=%s is not a whole number from 1 to %d".formatted(value, MAX_THREADS));
		}
		return threads;
	}

	/** Reads and checks the input: every number valid, and small enough for the chosen algorithm. */
	List<Long> readNumbers() {
		List<Long> list = (this.file != null) ? readFile(this.file) : NumberList.parseList(this.numbers);
		if (this.algorithm == Algorithm.NAIVE) {
			for (int i = 0; i < list.size(); i++) {
				if (list.get(i) > Algorithm.NAIVE_LIMIT) {
					throw new IllegalArgumentException(
							"number %d (%d) is too large for algorithm=naive (limit %d); use algorithm=fast"
								.formatted(i + 1, list.get(i), Algorithm.NAIVE_LIMIT));
				}
			}
		}
		return list;
	}

	private static List<Long> readFile(Path file) {
		try (var reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
			return NumberList.parseLines(reader, file.getFileName().toString());
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
