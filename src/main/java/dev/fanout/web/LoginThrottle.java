package dev.fanout.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins from one client address, or for one user
 * name, within {@link #WINDOW} of each other, every login from that address or for that name (even with the right
 * password) is refused for {@link #FIRST_DELAY}, doubled with each further failure, at most {@link #MAX_DELAY}. A
 * refused attempt is not a failure: it does not lengthen the delay. A successful login forgets both counts. Failures
 * are forgotten {@link #WINDOW} after the last one.
 * <p>
 * Memory is bounded: at most {@link #MAX_ENTRIES} counts, the least recently used dropped first (a count that keeps
 * being hit, such as the operator's user name under attack, stays). Thread safety: {@link #failures} is guarded by
 * {@code this}; every method that reads or writes it is synchronized.
 */
final class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_DELAY = Duration.ofSeconds(30);

	static final Duration MAX_DELAY = Duration.ofMinutes(15);

	static final int MAX_ENTRIES = 10_000;

	/** A user name longer than this is counted under its first characters (hostile input, kept in memory). */
	private static final int MAX_NAME = 100;

	private record Failures(int count, Instant last) {
	}

	private final Clock clock;

	/** Failures by key ({@code address:...}, {@code user:...}), in access order, for the LRU bound. */
	private final Map<String, Failures> failures = new LinkedHashMap<>(64, 0.75f, true) {

		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Failures> eldest) {
			return size() > MAX_ENTRIES;
		}

	};

	LoginThrottle(Clock clock) {
		this.clock = clock;
	}

	/** How long a login from this address for this user name must still wait; zero when it may be tried now. */
	synchronized Duration waitBefore(String address, String username) {
		Instant now = this.clock.instant();
		Duration wait = Duration.ZERO;
		for (String key : keys(address, username)) {
			Failures counted = current(key, now);
			if (counted != null && counted.count() >= FREE_FAILURES) {
				Duration left = Duration.between(now, counted.last().plus(delay(counted.count())));
				if (left.compareTo(wait) > 0) {
					wait = left;
				}
			}
		}
		return wait;
	}

	synchronized void failed(String address, String username) {
		Instant now = this.clock.instant();
		for (String key : keys(address, username)) {
			Failures counted = current(key, now);
			this.failures.put(key, new Failures((counted != null) ? counted.count() + 1 : 1, now));
		}
	}

	synchronized void succeeded(String address, String username) {
		keys(address, username).forEach(this.failures::remove);
	}

	/** Counts kept, for the tests of the bound. */
	synchronized int size() {
		return this.failures.size();
	}

	/** The failures counted for a user name, for the tests of concurrent logins. */
	synchronized int failuresOf(String username) {
		Failures counted = this.failures.get(keys("", username).get(1));
		return (counted != null) ? counted.count() : 0;
	}

	/** The delay after this many failures: the first beyond the free ones waits {@link #FIRST_DELAY}. */
	static Duration delay(int failures) {
		int doublings = Math.min(failures - FREE_FAILURES, 20);
		Duration delay = FIRST_DELAY.multipliedBy(1L << doublings);
		return (delay.compareTo(MAX_DELAY) > 0) ? MAX_DELAY : delay;
	}

	/** The key's failures, or {@code null} when there are none or the last is older than the window. */
	private Failures current(String key, Instant now) {
		Failures counted = this.failures.get(key);
		if (counted != null && counted.last().plus(WINDOW).isBefore(now)) {
			this.failures.remove(key);
			return null;
		}
		return counted;
	}

	private static List<String> keys(String address, String username) {
		String name = username.toLowerCase(Locale.ROOT); // user names are case-insensitive in the user store
		return List.of("address:" + address, "user:" + name.substring(0, Math.min(name.length(), MAX_NAME)));
	}

}
