package dev.fanout.jobs.factorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.core.DataPaths;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.NumberList;

/**
 * The typed parameters of one {@code factorize} run, read from its job parameters.
 *
 * @param numbers the inline list ({@code numbers=}), or {@code null} when a file is given
 * @param file the input file as given ({@code file=}, relative to the data directory), or {@code null} when numbers
 * are given inline
 * @param threads how many workers factorize concurrently (also the number of partitions)
 * @param algorithm how divisors are found
 */
record FactorizeParameters(@Nullable String numbers, @Nullable String file, int threads, Algorithm algorithm) {

	static final int MAX_THREADS = 256;

	/**
	 * Parses and checks the parameters without touching the input (workers need only threads and algorithm, and
	 * {@link #readNumbers()} reads the input). Absent parameters take the defaults {@code jobs} lists.
	 */
	static FactorizeParameters from(JobParameters parameters, Path dataDir) {
		String numbers = parameters.getString("numbers");
		String file = parameters.getString("file");
		if ((numbers == null) == (file == null)) {
			throw new IllegalArgumentException("give either numbers=N1,N2,... or file=PATH (not both, not neither)");
		}
		if (file != null) {
			DataPaths.resolveInside(dataDir, "file", file);
		}
		String threads = parameters.getString("threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
		return new FactorizeParameters(numbers, file, threads(threads),
				Algorithm.parse(parameters.getString("algorithm", Algorithm.FAST.toString())));
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
	List<Long> readNumbers(Path dataDir) {
		List<Long> list = (this.file != null) ? readFile(DataPaths.existingFileInside(dataDir, "file", this.file))
				: NumberList.parseList(this.numbers);
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
		catch (CharacterCodingException ex) {
			throw new IllegalArgumentException("file=%s is not a UTF-8 text file".formatted(file));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
