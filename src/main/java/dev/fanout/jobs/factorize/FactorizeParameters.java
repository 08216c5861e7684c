package dev.fanout.jobs.factorize;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

import org.jspecify.annotations.Nullable;

import dev.fanout.batch.ParameterValues;
import dev.fanout.core.DataPaths;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.NumberList;

/**
 * The typed parameters of one {@code factorize} run, parsed once per launch ({@link FactorizeJobDescription}).
 *
 * @param file the input file as stored ({@code file=}: an absolute path, or relative to the data directory when a
 * schedule, the chapter or an older Fanout stored it so), or {@code null} when numbers are given inline
 * @param input the numbers: given inline ({@code numbers=}), or read from the file by the launch; {@code null} when
 * the file was not read (a restart, whose saved plan holds the shares)
 * @param threads how many workers factorize concurrently (also the number of partitions)
 * @param algorithm how divisors are found
 */
record FactorizeParameters(@Nullable String file, @Nullable List<Long> input, int threads, Algorithm algorithm) {

	static final int MAX_THREADS = 256;

	FactorizeParameters {
		input = (input != null) ? List.copyOf(input) : null;
	}

	/** Parses and checks the values (defaults applied), inline numbers included, without reading the file. */
	static FactorizeParameters parse(ParameterValues values, Path dataDir) {
		String numbers = values.get("numbers");
		String file = values.get("file");
		if ((numbers == null) == (file == null)) {
			throw new IllegalArgumentException("give either numbers=N1,N2,... or file=PATH (not both, not neither)");
		}
		int threads = values.whole("threads", 1, MAX_THREADS);
		Algorithm algorithm = Algorithm.parse(values.required("algorithm"));
		return new FactorizeParameters(file, (numbers != null) ? checked(NumberList.parseList(numbers), algorithm) : null,
				threads, algorithm);
	}

	/** These parameters with the input read, when it is a file: what a launch hands to its partitioner. */
	FactorizeParameters withInput(Path dataDir) {
		return (this.input != null) ? this : new FactorizeParameters(this.file, numbers(dataDir), this.threads,
				this.algorithm);
	}

	/** The numbers: as given or read at launch, else read and checked now (every number valid and small enough). */
	List<Long> numbers(Path dataDir) {
		if (this.input != null) {
			return this.input;
		}
		return checked(readFile(DataPaths.existingInputFile(dataDir, "file", Objects.requireNonNull(this.file))),
				this.algorithm);
	}

	private static List<Long> checked(List<Long> list, Algorithm algorithm) {
		if (algorithm == Algorithm.NAIVE) {
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
		try {
			return NumberList.parseFile(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot read " + file + ": " + ex.getMessage(), ex);
		}
	}

}
