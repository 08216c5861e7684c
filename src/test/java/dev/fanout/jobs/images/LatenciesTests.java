package dev.fanout.jobs.images;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/** A stage's latency is the least time it takes per image, its own work included. */
class LatenciesTests {

	private static final Duration TEN_MS = Duration.ofMillis(10);

	@Test
	void aStageWaitsOnlyForWhatItsWorkLeftOfTheLatency() {
		assertThat(Latencies.left(TEN_MS, 1_000_000, 1_000_000)).isEqualTo(TEN_MS);
		assertThat(Latencies.left(TEN_MS, 1_000_000, 4_000_000)).isEqualTo(Duration.ofMillis(7));
	}

	@Test
	void workThatTookTheLatencyOrLongerIsNotWaitedFor() {
		assertThat(Latencies.left(TEN_MS, 0, 10_000_000)).isZero();
		assertThat(Latencies.left(TEN_MS, 0, 25_000_000)).isZero();
	}

	@Test
	void withoutALatencyTheWorkRunsOnceAndItsResultIsReturned() throws Exception {
		AtomicInteger calls = new AtomicInteger();
		assertThat(Latencies.atLeast(Duration.ZERO, calls::incrementAndGet)).isEqualTo(1);
		assertThat(calls).hasValue(1);
	}

	@Test
	void aFailureIsThrownAtOnceWithoutWaiting() {
		// A day's latency: the test would hang if the failure waited for it.
		assertThatIOException().isThrownBy(() -> Latencies.atLeast(Duration.ofDays(1), () -> {
			throw new IOException("gone");
		})).withMessage("gone");
	}

}
