package dev.fanout.core;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fanout.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;

/** A repeated task survives what one of its runs throws, and says so loudly once per kind of failure. */
class RepeatedTaskTests {

	private final Logger logger = LoggerFactory.getLogger(RepeatedTaskTests.class);

	private final CapturedLog log = new CapturedLog(RepeatedTaskTests.class);

	@AfterEach
	void detach() {
		this.log.close();
	}

	@Test
	void anErrorInOneRunDoesNotEndTheExecutorsRepetition() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch ranAgain = new CountDownLatch(1);
		ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
		try {
			scheduler.scheduleWithFixedDelay(new RepeatedTask("Beat", this.logger, () -> {
				if (runs.incrementAndGet() == 1) {
					throw new OutOfMemoryError("Java heap space");
				}
				ranAgain.countDown();
			}), 1, 1, TimeUnit.MILLISECONDS);

			assertThat(ranAgain.await(30, TimeUnit.SECONDS)).as("a run after the one that threw").isTrue();
		}
		finally {
			scheduler.shutdownNow();
		}
	}

	@Test
	void theFirstFailureOfEachKindIsLoggedAtErrorWithItsStackTraceAndALaterOneInOneWarningLine() {
		List<Throwable> failures = List.of(new AssertionError("one"), new AssertionError("two"),
				new NoClassDefFoundError("dev/fanout/Gone"), new IllegalStateException("three"));
		AtomicInteger run = new AtomicInteger();
		RepeatedTask task = new RepeatedTask("Beat", this.logger, () -> {
			Throwable failure = failures.get(run.getAndIncrement());
			if (failure instanceof Error error) {
				throw error;
			}
			throw (RuntimeException) failure;
		});

		failures.forEach((failure) -> task.run());

		List<ILoggingEvent> events = this.log.events();
		assertThat(events).extracting(ILoggingEvent::getLevel)
			.containsExactly(Level.ERROR, Level.WARN, Level.ERROR, Level.ERROR);
		assertThat(events.get(0).getThrowableProxy().getMessage()).isEqualTo("one");
		assertThat(events.get(1).getFormattedMessage()).isEqualTo("Beat failed again: java.lang.AssertionError: two");
		assertThat(events.get(1).getThrowableProxy()).isNull();
	}

}
