package dev.fanout.recovery;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.jspecify.annotations.Nullable;

/**
 * A process that owns executions: its host, process id and start instant. The start instant tells a live owner from
 * an unrelated process that reused its id after it died.
 */
public record ProcessIdentity(String host, long pid, @Nullable Instant start) {

	/** The kernel reports start times in clock ticks; two JVMs may round them differently. */
	private static final Duration START_TOLERANCE = Duration.ofSeconds(2);

	private static final ProcessIdentity CURRENT = new ProcessIdentity(hostName(), ProcessHandle.current().pid(),
			ProcessHandle.current().info().startInstant().orElse(null));

	public static ProcessIdentity current() {
		return CURRENT;
	}

	/** Whether this identity names a process of this host (where its liveness can be checked directly). */
	public boolean onThisHost() {
		return this.host.equals(CURRENT.host);
	}

	/** For a process of this host: whether it still runs (the same process, not a reuse of its id). */
	public boolean isAlive() {
		Optional<ProcessHandle> handle = ProcessHandle.of(this.pid);
		if (handle.isEmpty() || !handle.get().isAlive()) {
			return false;
		}
		Instant actual = handle.get().info().startInstant().orElse(null);
		return this.start == null || actual == null
				|| Duration.between(this.start, actual).abs().compareTo(START_TOLERANCE) <= 0;
	}

	@Override
	public String toString() {
		return "process " + this.pid + " on " + this.host;
	}

	private static String hostName() {
		try {
			return InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			String fromEnvironment = System.getenv("HOSTNAME");
			return (fromEnvironment != null && !fromEnvironment.isBlank()) ? fromEnvironment : "localhost";
		}
	}

}
