package dev.fanout.web;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Failed logins counted per client address and per user name, on a clock the test moves. */
class LoginThrottleTests {

	private final MovableClock clock = new MovableClock(Instant.parse("2030-01-01T00:00:00Z"));

	private final LoginThrottle throttle = new LoginThrottle(this.clock);

	@Test
	void fiveFailuresAreFreeAndTheSixthAttemptWaitsUntilTheDelayHasPassed() {
		for (int i = 0; i < LoginThrottle.FREE_FAILURES - 1; i++) {
			this.throttle.failed("10.0.0.1", "operator");
			assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isZero();
		}
		this.throttle.failed("10.0.0.1", "operator");

		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isEqualTo(LoginThrottle.FIRST_DELAY);
		this.clock.advance(LoginThrottle.FIRST_DELAY.minusSeconds(1));
		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isEqualTo(Duration.ofSeconds(1));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isZero();
	}

	@Test
	void countsPerAddressAndPerUserName() {
		fail(LoginThrottle.FREE_FAILURES, "10.0.0.1", "operator");

		assertThat(this.throttle.waitBefore("10.0.0.1", "someone")).as("same address").isPositive();
		assertThat(this.throttle.waitBefore("10.0.0.2", "OPERATOR")).as("same user name, any case").isPositive();
		assertThat(this.throttle.waitBefore("10.0.0.2", "someone")).as("neither").isZero();
	}

	@Test
	void eachFurtherFailureDoublesTheDelayUpToTheMaximum() {
		fail(LoginThrottle.FREE_FAILURES + 1, "10.0.0.1", "operator");
		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isEqualTo(LoginThrottle.FIRST_DELAY.multipliedBy(2));
		assertThat(LoginThrottle.delay(LoginThrottle.FREE_FAILURES + 2)).isEqualTo(LoginThrottle.FIRST_DELAY.multipliedBy(4));
		assertThat(LoginThrottle.delay(1000)).isEqualTo(LoginThrottle.MAX_DELAY);
	}

	@Test
	void failuresOlderThanTheWindowAreForgotten() {
		fail(LoginThrottle.FREE_FAILURES - 1, "10.0.0.1", "operator");
		this.clock.advance(LoginThrottle.WINDOW.plusSeconds(1));
		this.throttle.failed("10.0.0.1", "operator");

		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isZero();
	}

	@Test
	void aSuccessfulLoginForgetsTheFailures() {
		fail(LoginThrottle.FREE_FAILURES - 1, "10.0.0.1", "operator");
		this.throttle.succeeded("10.0.0.1", "operator");
		this.throttle.failed("10.0.0.1", "operator");

		assertThat(this.throttle.waitBefore("10.0.0.1", "operator")).isZero();
	}

	@Test
	void keepsAtMostItsBoundOfCountsAndTheOneUnderAttack() {
		for (int i = 0; i < LoginThrottle.MAX_ENTRIES; i++) {
			this.throttle.failed("10.1." + (i / 256) + "." + (i % 256), "operator");
		}

		assertThat(this.throttle.size()).isEqualTo(LoginThrottle.MAX_ENTRIES);
		assertThat(this.throttle.waitBefore("192.0.2.1", "operator")).as("the user name's count stayed").isPositive();
	}

	@Test
	void countsEveryFailureOfConcurrentLogins() throws Exception {
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Future<?>> done = new ArrayList<>();
			for (int t = 0; t < 4; t++) {
				String address = "10.0.0." + t;
				done.add(threads.submit(() -> fail(100, address, "operator")));
			}
			for (Future<?> future : done) {
				future.get();
			}
		}
		finally {
			threads.shutdown();
		}

		assertThat(this.throttle.failuresOf("operator")).isEqualTo(400);
		assertThat(this.throttle.size()).isEqualTo(5);
	}

	private void fail(int times, String address, String username) {
		for (int i = 0; i < times; i++) {
			this.throttle.failed(address, username);
		}
	}

}
