package dev.fanout.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A login refused without checking its password: too many failed logins ({@link LoginThrottle}). */
final class LoginThrottledException extends AuthenticationException {

	private final Duration retryAfter;

	LoginThrottledException(Duration retryAfter) {
		super(message(retryAfter));
		this.retryAfter = retryAfter;
	}

	Duration retryAfter() {
		return this.retryAfter;
	}

	/** Whole seconds to wait, rounded up. */
	long retryAfterSeconds() {
		return seconds(this.retryAfter);
	}

	private static long seconds(Duration wait) {
		return Math.max(1, (wait.toMillis() + 999) / 1000);
	}

	static String message(Duration retryAfter) {
		return "too many failed logins from this address or for this user name: try again in %d s"
			.formatted(seconds(retryAfter));
	}

}
