package dev.fanout.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.mock;

/** The scheduler's thread outlives a failed look at the clock, whatever the look threw. */
class SchedulerLifecycleTests {

	@Test
	void anErrorInOneLookDoesNotEndScheduling() throws Exception {
		Scheduler scheduler = mock(Scheduler.class);
		given(scheduler.schedules()).willReturn(List.of(TestSchedules.of("hourly", "0 0 * * * *", "UTC",
				Misfire.SKIP)));
		CountDownLatch lookedAgain = new CountDownLatch(1);
		given(scheduler.tick(any(Instant.class))).willThrow(new NoClassDefFoundError("a class that failed to load"))
			.willAnswer((invocation) -> {
				lookedAgain.countDown();
				return List.of();
			});
		given(scheduler.untilNextFiring(any(Instant.class), any(Duration.class))).willReturn(Duration.ofMillis(10));
		// Half the misfire threshold is the wait after a failed look: 10 ms.
		SchedulerLifecycle lifecycle = new SchedulerLifecycle(scheduler, mock(FiringDispatcher.class),
				Clock.systemUTC(), new SchedulerProperties(true, Duration.ofMillis(20), 1));

		lifecycle.start();
		try {
			assertThat(lookedAgain.await(30, TimeUnit.SECONDS)).as("the scheduler looked again").isTrue();
		}
		finally {
			lifecycle.stop();
		}
		assertThat(lifecycle.isRunning()).isFalse();
	}

}
