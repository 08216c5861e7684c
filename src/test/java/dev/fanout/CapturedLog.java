package dev.fanout;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/**
 * What one class logs while this is open: for tests of what a request, a beat or a firing writes in the log.
 */
public final class CapturedLog implements AutoCloseable {

	private final Logger logger;

	/** Appended on the threads that log (a server's, a scheduler's), read on the test's. */
	private final Queue<ILoggingEvent> events = new ConcurrentLinkedQueue<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			CapturedLog.this.events.add(event);
		}

	};

	public CapturedLog(Class<?> source) {
		this.logger = (Logger) LoggerFactory.getLogger(source);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	/** The events logged so far, in order: level, message, throwable. */
	public List<ILoggingEvent> events() {
		return List.copyOf(this.events);
	}

	/** The messages logged so far, as the log shows them. */
	public List<String> messages() {
		return this.events.stream().map(ILoggingEvent::getFormattedMessage).toList();
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
