package dev.fanout.jobs.factorize.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.jobs.factorize.ExpectedCsvAccess;
import dev.fanout.jobs.factorize.FactorizationMerge;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.Factorizer;

import static org.assertj.core.api.Assertions.assertThat;

class PlainFactorizeLoopTests {

	/** Ones and primes, squares, powers of two and three, highly composite numbers, in no order. */
	private static final List<Long> NUMBERS = List.of(360L, 1L, 97L, 2L, 1_000_000L, 720_720L, 999_983L, 65_536L,
			59_049L, 3L, 12L);

	@TempDir
	Path directory;

	@Test
	void writesTheJobsCsvByteForByteWithEitherAlgorithmOnAnyThreadCount() throws Exception {
		for (Algorithm algorithm : Algorithm.values()) {
			for (int threads : new int[] { 1, 3 }) {
				Path output = this.directory.resolve(algorithm + "-" + threads + ".csv");

				PlainFactorizeLoop.run(NUMBERS, threads, algorithm, output);

				assertThat(Files.readString(output)).as("%s on %d threads", algorithm, threads)
					.isEqualTo(ExpectedCsvAccess.of(NUMBERS))
					.isEqualTo(jobsFormat(NUMBERS, algorithm));
			}
		}
	}

	@Test
	void readsTheJobsInputFileAsTheJobDoes() throws Exception {
		Path input = this.directory.resolve("numbers.txt");
		Files.writeString(input, "# the job's input format\n" + String.join("\n",
				NUMBERS.stream().map((n) -> " " + n + " ").toList()) + "\n\n");
		Path output = this.directory.resolve("from-file.csv");

		PlainFactorizeLoop.run(input, 2, Algorithm.FAST, output);

		assertThat(Files.readString(output)).isEqualTo(jobsFormat(NUMBERS, Algorithm.FAST));
	}

	@Test
	void findsTheDivisorsOfNumbersBeyondAnInt() {
		long beyond = Integer.MAX_VALUE + 1L; // 2^31

		assertThat(PlainFactorizeLoop.divisors(600_851_475_143L, Algorithm.FAST))
			.containsExactly(new Factorizer().divisors(600_851_475_143L, Algorithm.FAST));
		assertThat(PlainFactorizeLoop.divisors(Long.MAX_VALUE, Algorithm.FAST))
			.containsExactly(new Factorizer().divisors(Long.MAX_VALUE, Algorithm.FAST));
		assertThat(PlainFactorizeLoop.byPrimeFactors(beyond)).hasSize(32).startsWith(1, 2, 4).endsWith(beyond);
		// The 64-bit loop itself, on numbers small enough to run it here.
		assertThat(PlainFactorizeLoop.naiveLong(720_720L))
			.containsExactly(new Factorizer().divisors(720_720L, Algorithm.NAIVE));
	}

	/** Where the square-root bound is tight: squares of primes, a product of two close primes, powers of two. */
	@Test
	void findsTheDivisorsWhereTheSquareRootBoundIsTight() {
		for (long n : new long[] { 25, 49, 121, 35, 1L << 62, 1_000_003L * 1_000_003L, 999_983L * 1_000_003L,
				2 * 999_983L * 999_983L }) {
			assertThat(PlainFactorizeLoop.divisors(n, Algorithm.FAST)).as("%d", n)
				.containsExactly(new Factorizer().divisors(n, Algorithm.FAST));
		}
		assertThat(PlainFactorizeLoop.isqrt(Long.MAX_VALUE)).isEqualTo(3_037_000_499L);
		assertThat(PlainFactorizeLoop.isqrt(((1L << 26) + 1) * ((1L << 26) + 1) - 1)).isEqualTo(1L << 26);
	}

	/** What the job writes: its header, then its own kernel's lines. */
	private static String jobsFormat(List<Long> numbers, Algorithm algorithm) {
		Factorizer factorizer = new Factorizer();
		return FactorizationMerge.HEADER + "\n" + numbers.stream()
			.map((n) -> new Factorization(0, n, factorizer.divisors(n, algorithm)).csvLine() + "\n")
			.collect(Collectors.joining());
	}

}
