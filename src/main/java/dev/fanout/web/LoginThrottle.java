package dev.fanout.web;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Slows down password guessing: after {@link #FREE_FAILURES} failed logins from one client address, or for one user
 * name, within {@link #WINDOW} of each other, every login from that address or for that name (even with the right
 * password) is refused for {@link #FIRST_DELAY}, doubled with each further failure, at most {@link #MAX_DELAY}. A
 * refused attempt is not a failure: it does not lengthen the delay. A successful login forgets both counts. Failures
 * are forgotten {@link #WINDOW} after the last one.
 * <p>
 * Concurrent attempts cannot outrun the count: a password is checked only once {@link #admit admitted}, and an
 * address or user name has at most as many attempts in flight as it has free failures left (one at a time once
 * throttled and the delay has passed), so a burst of parallel guesses gets {@link #FREE_FAILURES} passwords checked,
 * not one per connection. An attempt beyond that waits, at most {@link #ADMISSION_WAIT}, until one in flight ends: a
 * success lets it in, a failure may throttle it.
 * <p>
 * Memory is bounded: at most {@link #MAX_ENTRIES} counts, the least recently used dropped first (a count that keeps
 * being hit, such as the operator's user name under attack, stays); attempts in flight are counted only while they
 * are. Thread safety: {@link #failures}, {@link #inFlight} and {@link #waiting} are guarded by {@code this}; every
 * method that reads or writes them is synchronized, and waiting attempts wait on {@code this}.
 */
final class LoginThrottle {

	static final int FREE_FAILURES = 5;

	static final Duration WINDOW = Duration.ofMinutes(15);

	static final Duration FIRST_DELAY = Duration.ofSeconds(30);

	static final Duration MAX_DELAY = Duration.ofMinutes(15);

	static final int MAX_ENTRIES = 10_000;

	/** How long an attempt waits for attempts in flight to end before it is refused for a second. */
	static final Duration ADMISSION_WAIT = Duration.ofSeconds(10);

	private static final Duration BUSY_RETRY = Duration.ofSeconds(1);

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

	/** Attempts admitted and not yet ended, by key; a key leaves the map when its last attempt ends. */
	private final Map<String, Integer> inFlight = new HashMap<>();

	/** Attempts waiting in {@link #admit} for one in flight to end, for the tests of concurrent logins. */
	private int waiting;

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

	/**
	 * Admits a login attempt from this address for this user name, or says how long it must wait. Admitted (zero),
	 * the attempt is in flight until {@link #succeeded}, {@link #failed} or {@link #abandoned} ends it: exactly one
	 * of them must follow.
	 */
	synchronized Duration admit(String address, String username) {
		List<String> keys = keys(address, username);
		long deadline = System.nanoTime() + ADMISSION_WAIT.toNanos();
		while (true) {
			Duration wait = waitBefore(address, username);
			if (wait.isPositive()) {
				return wait;
			}
			Instant now = this.clock.instant();
			if (keys.stream().allMatch((key) -> room(key, now))) {
				keys.forEach((key) -> this.inFlight.merge(key, 1, Integer::sum));
				return Duration.ZERO;
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				return BUSY_RETRY;
			}
			this.waiting++;
			try {
				TimeUnit.NANOSECONDS.timedWait(this, left);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return BUSY_RETRY;
			}
			finally {
				this.waiting--;
			}
		}
	}

	/** An admitted attempt had a wrong password. */
	synchronized void failed(String address, String username) {
		Instant now = this.clock.instant();
		for (String key : keys(address, username)) {
			Failures counted = current(key, now);
			this.failures.put(key, new Failures((counted != null) ? counted.count() + 1 : 1, now));
		}
		ended(address, username);
	}

	/** An admitted attempt had the right password: both counts are forgotten. */
	synchronized void succeeded(String address, String username) {
		keys(address, username).forEach(this.failures::remove);
		ended(address, username);
	}

	/** An admitted attempt ended without a verdict on its password (the check itself failed). */
	synchronized void abandoned(String address, String username) {
		ended(address, username);
	}

	/** Attempts waiting for admission. */
	synchronized int waiting() {
		return this.waiting;
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

	/**
	 * Whether one more attempt may be in flight for the key: as many as it has free failures left, one once
	 * throttled (its delay has passed, or {@link #admit} would not ask).
	 */
	private boolean room(String key, Instant now) {
		Failures counted = current(key, now);
		int free = FREE_FAILURES - ((counted != null) ? counted.count() : 0);
		return this.inFlight.getOrDefault(key, 0) < Math.max(1, free);
	}

	private void ended(String address, String username) {
		for (String key : keys(address, username)) {
			this.inFlight.computeIfPresent(key, (k, n) -> (n > 1) ? n - 1 : null);
		}
		notifyAll();
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
