package dev.fanout.jobs.images.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;

import dev.fanout.core.Causes;

/** Which HTTP outcomes are worth retrying, and how retries pause. Stateless. */
final class Transience {

	private Transience() {
	}

	/** 5xx, 408 Request Timeout and 429 Too Many Requests: the server may answer differently later. */
	static boolean isTransient(int status) {
		return status >= 500 || status == 408 || status == 429;
	}

	/** "timed out", "connection refused", …: the failure in a few words, for a message an operator reads. */
	static String describe(IOException failure) {
		if (failure instanceof HttpTimeoutException) {
			return "timed out (" + failure.getMessage() + ")";
		}
		for (Throwable cause : Causes.of(failure)) {
			if (cause instanceof ConnectException) {
				return "connection refused (is the server running?)";
			}
			if (cause instanceof UnknownHostException) {
				return "unknown host " + cause.getMessage();
			}
		}
		String message = failure.getMessage();
		return (message == null || message.isBlank()) ? "connection failed" : "connection failed: " + message;
	}

	/** Sleeps before a retry; false if the thread was interrupted (the flag is set again). */
	static boolean pause(HttpSettings settings, int attempt) {
		try {
			Thread.sleep(settings.pauseBefore(attempt));
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
