package dev.fanout.web;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.stereotype.Component;

import dev.fanout.batch.ConnectionFailures;
import jakarta.servlet.http.HttpServletRequest;

/**
 * Requests that failed for want of the job repository (stalled, stopped, out of reach), for the API and the dashboard
 * alike: what their 503 says, and their warnings in the log. One stack trace at most once a minute, the other failures
 * in one line each: while the repository is out, every request fails the same way (a dashboard left open, a metrics
 * scraper, a script polling), and a stack trace per request filled the log with copies of one.
 */
@Component
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class RepositoryOutages {

	static final Duration TRACE_INTERVAL = Duration.ofMinutes(1);

	private static final long NEVER = Long.MIN_VALUE;

	private final String logFile;

	private final LongSupplier nanoTime;

	/**
	 * When the last stack trace was logged ({@link System#nanoTime}), or {@link #NEVER}. Request threads race for it:
	 * the compare-and-set guards it, so of the requests failing at once, one logs the trace.
	 */
	private final AtomicLong lastTrace = new AtomicLong(NEVER);

	@Autowired
	public RepositoryOutages(Environment environment) {
		this(environment.getProperty("logging.file.name", "the log file"), System::nanoTime);
	}

	RepositoryOutages(String logFile, LongSupplier nanoTime) {
		this.logFile = logFile;
		this.nanoTime = nanoTime;
	}

	/** Where the details of a failure are: the log file's name. */
	public String logFile() {
		return this.logFile;
	}

	/**
	 * What a 503 says when the request failed for want of the job repository, warned in the log as said above: its
	 * connection refused or lost (a stalled database's too, once the network timeout ran out), or none came in time.
	 * Empty, and nothing logged, for any other failure.
	 */
	public Optional<String> unavailable(Throwable failure, HttpServletRequest request, Logger logger) {
		Optional<String> unavailable = describe(failure);
		unavailable.ifPresent((what) -> warn(logger,
				"%s %s".formatted(request.getMethod(), MistypedValues.shown(request.getRequestURI())), what, failure));
		return unavailable;
	}

	private Optional<String> describe(Throwable failure) {
		if (ConnectionFailures.lost(failure)) {
			return Optional.of(ConnectionFailures.LOST + ": try again in a moment (the server starts the embedded "
					+ "repository's server again by itself if it stopped); if it lasts, see " + this.logFile);
		}
		if (failure instanceof CannotGetJdbcConnectionException || ConnectionFailures.noAnswer(failure)) {
			return Optional.of(ConnectionFailures.NO_ANSWER + ": try again in a moment; if it lasts, see " + this.logFile);
		}
		return Optional.empty();
	}

	/** {@code GET /api/executions failed: the job repository did not answer in time ...}, its trace if it is time. */
	void warn(Logger logger, String where, String what, Throwable failure) {
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
