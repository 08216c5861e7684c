package dev.fanout.web;

import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.slf4j.LoggerFactory;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;

/** The messages one class logs while this is open, as the log shows them: for tests of what a request writes there. */
final class CapturedLog implements AutoCloseable {

	private final Logger logger;

	/** Appended on the server's threads, read on the test's. */
	private final Queue<String> messages = new ConcurrentLinkedQueue<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {

		@Override
		protected void append(ILoggingEvent event) {
			CapturedLog.this.messages.add(event.getFormattedMessage());
		}

	};

	CapturedLog(Class<?> source) {
		this.logger = (Logger) LoggerFactory.getLogger(source);
		this.appender.start();
		this.logger.addAppender(this.appender);
	}

	List<String> messages() {
		return List.copyOf(this.messages);
	}

	@Override
	public void close() {
		this.logger.detachAppender(this.appender);
		this.appender.stop();
	}

}
