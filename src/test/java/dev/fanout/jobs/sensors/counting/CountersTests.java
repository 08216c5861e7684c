package dev.fanout.jobs.sensors.counting;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class CountersTests {

	private static final int THREADS = 8;

	private static final int INCREMENTS = 200_000;

	@ParameterizedTest
	@EnumSource(names = { "LOCKED", "ATOMIC", "ADDER" })
	void guardedCountersCountEveryIncrementOfManyContendingThreads(CounterMode mode) throws Exception {
		ReadingCounter counter = mode.newCounter(0);

		contend(counter);

		assertThat(counter.count()).isEqualTo((long) THREADS * INCREMENTS);
	}

	@Test
	void unsafeCounterNeverCountsMoreThanItWasGiven() throws Exception {
		ReadingCounter counter = CounterMode.UNSAFE.newCounter(0);

		contend(counter);

		// Whether it loses updates depends on scheduling; that it never invents any does not.
		assertThat(counter.count()).isPositive().isLessThanOrEqualTo((long) THREADS * INCREMENTS);
	}

	@ParameterizedTest
	@EnumSource(names = "PARTITIONED", mode = EnumSource.Mode.EXCLUDE)
	void sharedCountersStartAtTheirSeedAndAddOffsets(CounterMode mode) {
		ReadingCounter counter = mode.newCounter(17_000);

		counter.increment(1);
		counter.increment(2_999);

		assertThat(counter.count()).isEqualTo(20_000);
	}

	@Test
	void partitionedModeHasNoSharedCounter() {
		assertThat(CounterMode.PARTITIONED.shared()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> CounterMode.PARTITIONED.newCounter(0));
	}

	/** {@value #THREADS} threads released at once by a start gate, each incrementing {@value #INCREMENTS} times. */
	private static void contend(ReadingCounter counter) throws Exception {
		CountDownLatch ready = new CountDownLatch(THREADS);
		CountDownLatch start = new CountDownLatch(1);
		List<Future<?>> workers = new ArrayList<>();
		try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
			for (int t = 0; t < THREADS; t++) {
				workers.add(pool.submit(() -> {
					ready.countDown();
					start.await();
					for (int i = 0; i < INCREMENTS; i++) {
						counter.increment(1);
					}
					return null;
				}));
			}
			ready.await();
			start.countDown();
			for (Future<?> worker : workers) {
				worker.get();
			}
		}
	}

}
