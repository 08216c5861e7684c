package dev.fanout.jobs.factorize.numbers;

import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FactorizerTests {

	private static final long[] BOOK_NUMBERS = { 2139079, 1214759, 1516637, 1852285 };

	private static final BooleanSupplier NEVER = () -> false;

	private final Factorizer factorizer = new Factorizer();

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void findsTheDivisorsOfTheBooksNumbers(Algorithm algorithm) {
		for (long number : BOOK_NUMBERS) {
			assertThat(this.factorizer.divisors(number, algorithm)).as("divisors of %d with %s", number, algorithm)
				.containsExactly(bruteForceDivisors(number));
		}
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void findsTheDivisorsOfSmallObviousNumbers(Algorithm algorithm) {
		assertThat(this.factorizer.divisors(1, algorithm)).containsExactly(1);
		assertThat(this.factorizer.divisors(2, algorithm)).containsExactly(1, 2);
		assertThat(this.factorizer.divisors(12, algorithm)).containsExactly(1, 2, 3, 4, 6, 12);
		assertThat(this.factorizer.divisors(49, algorithm)).containsExactly(1, 7, 49);
		assertThat(this.factorizer.divisors(97, algorithm)).containsExactly(1, 97);
	}

	@Test
	void naiveLooksAtItsStopBetweenBlocksAndFindsEveryDivisorAcrossThem() {
		// 3 blocks and a bit: divisors on both sides of each block's end.
		long n = 3L * Factorizer.BLOCK + 6;
		AtomicInteger looks = new AtomicInteger();

		long[] divisors = this.factorizer.divisors(n, Algorithm.NAIVE, () -> looks.incrementAndGet() < 0);

		assertThat(divisors).containsExactly(Factorizer.fast(n, NEVER));
		assertThat(looks).as("one look after each full block").hasValue(3);
	}

	@ParameterizedTest
	@EnumSource(Algorithm.class)
	void aFactorizationThatIsAskedToStopStopsAtItsNextLook(Algorithm algorithm) {
		// Naive: 40 million divisions; fast: the largest prime below 2^63, ~10^9 divisions.
		long number = (algorithm == Algorithm.NAIVE) ? 40_000_003L : 9_223_372_036_854_775_783L;

		assertThatExceptionOfType(Factorizer.Stopped.class)
			.isThrownBy(() -> this.factorizer.divisors(number, algorithm, () -> true))
			.withMessage("stopped while factorizing " + number);
	}

	@Test
	void naiveAndFastAgreeOnSmallNumbers() {
		for (long n = 1; n <= 5000; n++) {
			long[] naive = Factorizer.naive(n, NEVER);
			assertThat(Factorizer.fast(n, NEVER)).as("fast(%d)", n).containsExactly(naive);
			assertThat(naive).as("naive(%d)", n).containsExactly(bruteForceDivisors(n));
		}
	}

	@Test
	void naiveAndFastAgreeOnRandomNumbersUpToTenMillion() {
		Random random = new Random(20240607L);
		for (int i = 0; i < 200; i++) {
			long n = 1 + random.nextLong(10_000_000L);
			assertThat(Factorizer.fast(n, NEVER)).as("fast(%d)", n).containsExactly(Factorizer.naive(n, NEVER));
		}
	}

	@Test
	void fastAgreesWithBruteForceOnRandomNumbersUpToTenToTheTwelve() {
		Random random = new Random(42L);
		for (int i = 0; i < 300; i++) {
			long n = 1 + random.nextLong(1_000_000_000_000L);
			assertThat(Factorizer.fast(n, NEVER)).as("fast(%d)", n).containsExactly(bruteForceDivisors(n));
		}
	}

	@Test
	void theSquareRootBoundIsExactForEveryLongIncludingSquaresAndTheLargest() {
		for (long n : new long[] { 0, 1, 2, 3, 4, 8, 9, 15, 16, 17, 99_999_999_999L, 100_000_000_000L }) {
			long root = Factorizer.sqrtFloor(n);
			assertThat(root * root).as("%d", n).isLessThanOrEqualTo(n);
			assertThat((root + 1) * (root + 1)).as("%d", n).isGreaterThan(n);
		}
		long largestRoot = 3_037_000_499L;
		assertThat(Factorizer.sqrtFloor(Long.MAX_VALUE)).isEqualTo(largestRoot);
		assertThat(Factorizer.sqrtFloor(largestRoot * largestRoot)).isEqualTo(largestRoot);
		assertThat(Factorizer.sqrtFloor(largestRoot * largestRoot - 1)).isEqualTo(largestRoot - 1);
		// Where a double rounds up: (2^26 + 1)^2 - 1 has the double square root 2^26 + 1.
		long r = (1L << 26) + 1;
		assertThat(Factorizer.sqrtFloor(r * r - 1)).isEqualTo(r - 1);
	}

	@Test
	void fastFindsAllDivisorsOfLongMaxValue() {
		// Long.MAX_VALUE = 7^2 * 73 * 127 * 337 * 92737 * 649657
		assertThat(7L * 7 * 73 * 127 * 337 * 92737 * 649657).isEqualTo(Long.MAX_VALUE);

		long[] divisors = this.factorizer.divisors(Long.MAX_VALUE, Algorithm.FAST);

		assertThat(divisors).hasSize(3 * 2 * 2 * 2 * 2 * 2);
		assertThat(divisors).hasSize(96);
		assertAscendingDistinctDivisorsOf(divisors, Long.MAX_VALUE);
		assertThat(divisors).startsWith(1, 7, 49, 73).endsWith(Long.MAX_VALUE / 7, Long.MAX_VALUE);
		assertThat(divisors).contains(649657L, 92737L * 649657L, Long.MAX_VALUE / 49);
	}

	@ParameterizedTest
	@ValueSource(longs = { 2, 3, 1_000_000_007L, 999_999_999_989L })
	void fastFindsTwoDivisorsOfAPrime(long prime) {
		assertThat(this.factorizer.divisors(prime, Algorithm.FAST)).containsExactly(1, prime);
	}

	@Test
	void fastFindsThreeDivisorsOfTheSquareOfAPrime() {
		long prime = 1_000_003L;
		assertThat(this.factorizer.divisors(prime * prime, Algorithm.FAST)).containsExactly(1, prime, prime * prime);
	}

	@Test
	void fastFindsFourDivisorsOfAProductOfTwoLargePrimes() {
		long p = 999_983L;
		long q = 1_000_000_007L;
		assertThat(this.factorizer.divisors(p * q, Algorithm.FAST)).containsExactly(1, p, q, p * q);
	}

	@Test
	void fastFindsAllPowersOfTwoAsDivisorsOfAPowerOfTwo() {
		long[] divisors = this.factorizer.divisors(1L << 62, Algorithm.FAST);

		assertThat(divisors).hasSize(63);
		for (int k = 0; k <= 62; k++) {
			assertThat(divisors[k]).isEqualTo(1L << k);
		}
	}

	@Test
	void fastFindsDivisorsOfAHighlyCompositeNumber() {
		// 2^4 * 3^2 * 5 * 7 * 11 * 13 * 17 * 19 * 23: (4+1) * (2+1) * 2^7 = 1920 divisors
		long number = 16L * 9 * 5 * 7 * 11 * 13 * 17 * 19 * 23;
		long[] divisors = this.factorizer.divisors(number, Algorithm.FAST);

		assertThat(divisors).hasSize(5 * 3 * 2 * 2 * 2 * 2 * 2 * 2 * 2);
		assertAscendingDistinctDivisorsOf(divisors, number);
		assertThat(divisors).containsExactly(bruteForceDivisors(number));
	}

	@Test
	void naiveAcceptsTheLimitButRejectsLargerNumbers() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.factorizer.divisors(Algorithm.NAIVE_LIMIT + 1, Algorithm.NAIVE))
			.withMessageContaining("algorithm=fast")
			.withMessageContaining(Long.toString(Algorithm.NAIVE_LIMIT + 1));
		assertThatIllegalArgumentException().isThrownBy(() -> this.factorizer.divisors(Long.MAX_VALUE, Algorithm.NAIVE))
			.withMessageContaining("algorithm=fast");
	}

	@ParameterizedTest
	@ValueSource(longs = { 0, -1, -12, Long.MIN_VALUE })
	void rejectsNumbersThatAreNotPositive(long number) {
		for (Algorithm algorithm : Algorithm.values()) {
			assertThatIllegalArgumentException().isThrownBy(() -> this.factorizer.divisors(number, algorithm))
				.withMessageContaining(Long.toString(number))
				.withMessageContaining("not a positive number");
		}
	}

	private static void assertAscendingDistinctDivisorsOf(long[] divisors, long number) {
		for (int i = 0; i < divisors.length; i++) {
			assertThat(number % divisors[i]).as("%d divides %d", divisors[i], number).isZero();
			if (i > 0) {
				assertThat(divisors[i]).as("divisor %d", i).isGreaterThan(divisors[i - 1]);
			}
		}
	}

	/** Independent reference: every i up to √n that divides n, with its partner n / i. */
	private static long[] bruteForceDivisors(long number) {
		TreeSet<Long> divisors = new TreeSet<>();
		for (long i = 1; i <= number / i; i++) {
			if (number % i == 0) {
				divisors.add(i);
				divisors.add(number / i);
			}
		}
		return divisors.stream().mapToLong(Long::longValue).toArray();
	}

}
