package dev.fanout.web;

import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.fanout.CapturedLog;

import static org.assertj.core.api.Assertions.assertThat;

/** While the repository is out, the log holds one stack trace a minute, and one line for every other failure. */
class RepositoryOutagesTests {

	private static final Logger logger = LoggerFactory.getLogger(RepositoryOutagesTests.class);

	private final CapturedLog log = new CapturedLog(RepositoryOutagesTests.class);

	private final AtomicLong now = new AtomicLong(1_000);

	private final RepositoryOutages warnings = new RepositoryOutages("data/logs/fanout.log", this.now::get);

	@AfterEach
	void detach() {
		this.log.close();
	}

	@Test
	void theFirstFailureOfAMinuteLogsItsStackTraceTheOthersOneLineEach() {
		IllegalStateException stalled = new IllegalStateException("read timed out");

		this.warnings.warn(logger, "GET /api/executions", "the job repository did not answer in time", stalled);
		this.now.addAndGet(RepositoryOutages.TRACE_INTERVAL.toNanos() - 1);
		this.warnings.warn(logger, "GET /executions", "the job repository did not answer in time", stalled);
		this.now.addAndGet(1);
		this.warnings.warn(logger, "GET /api/jobs", "the job repository did not answer in time", stalled);

		List<ILoggingEvent> events = this.log.events();
		assertThat(events).extracting((event) -> event.getThrowableProxy() != null).containsExactly(true, false, true);
		assertThat(events.get(1).getFormattedMessage()).isEqualTo("GET /executions failed: the job repository did not "
				+ "answer in time (java.lang.IllegalStateException: read timed out; the stack trace of such a failure "
				+ "is logged once a minute at most)");
	}

}
