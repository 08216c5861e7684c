package dev.fanout.web;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.stereotype.Component;

/**
 * The warnings of requests that failed for want of the job repository (stalled, stopped, out of reach). One stack
 * trace at most once a minute, the other failures in one line each: while the repository is out, every request
 * fails the same way (a dashboard left open, a metrics scraper, a script polling), and a stack trace per request
 * filled the log with copies of one.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class OutageWarnings {

	static final Duration TRACE_INTERVAL = Duration.ofMinutes(1);

	private static final long NEVER = Long.MIN_VALUE;

	private final LongSupplier nanoTime;

	/**
	 * When the last stack trace was logged ({@link System#nanoTime}), or {@link #NEVER}. Request threads race for it:
	 * the compare-and-set guards it, so of the requests failing at once, one logs the trace.
	 */
	private final AtomicLong lastTrace = new AtomicLong(NEVER);

	OutageWarnings() {
		this(System::nanoTime);
	}

	OutageWarnings(LongSupplier nanoTime) {
		this.nanoTime = nanoTime;
	}

	/** {@code GET /api/executions failed: the job repository did not answer in time ...}, its trace if it is time. */
	public void warn(Logger logger, String where, String what, Throwable failure) {
		long now = this.nanoTime.getAsLong();
		long last = this.lastTrace.get();
		boolean due = last == NEVER || now - last >= TRACE_INTERVAL.toNanos();
		if (due && this.lastTrace.compareAndSet(last, now)) {
			logger.warn("{} failed: {}", where, what, failure);
		}
		else {
			logger.warn("{} failed: {} ({}; the stack trace of such a failure is logged once a minute at most)", where,
					what, failure.toString());
		}
	}

}
