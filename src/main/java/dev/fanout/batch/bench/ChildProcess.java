package dev.fanout.batch.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import dev.fanout.core.ProcessTrees;

/**
 * A process a bench starts (openssl under bash, python3, a fresh JVM), which never outlives the bench: closing it
 * ends the process and every process it started (a bash script's pipelines, a launcher's JVM), politely, then
 * forcibly after {@link #GRACE}. Use it in a try-with-resources around the wait, so that an interrupted wait, a
 * timeout or an exception thrown while it runs ends it; one that already exited is left alone. The JVM's own
 * shutdown (Ctrl-C on a bench) ends those still running too. {@link ProcessTrees} does the ending (no process group
 * is used, so as not to add a process to a reference's work).
 */
public final class ChildProcess implements AutoCloseable {

	/** How long a process and its descendants get to exit after SIGTERM, before SIGKILL. */
	static final Duration GRACE = Duration.ofSeconds(3);

	/** The children not yet closed, of every bench thread; a concurrent set, as the shutdown hook reads it too. */
	private static final Set<ChildProcess> LIVE = ConcurrentHashMap.newKeySet();

	static {
		try {
			Runtime.getRuntime()
				.addShutdownHook(Thread.ofPlatform().name("bench-children").unstarted(ChildProcess::closeAll));
		}
		catch (IllegalStateException ex) {
			// The JVM is shutting down already: no bench runs any more.
		}
	}

	private final Process process;

	private ChildProcess(Process process) {
		this.process = process;
	}

	/** Starts {@code builder}'s process; close the result. */
	public static ChildProcess start(ProcessBuilder builder) throws IOException {
		ChildProcess child = new ChildProcess(builder.start());
		LIVE.add(child);
		return child;
	}

	/** Ends every child still running: the JVM's shutdown hook. */
	static void closeAll() {
		List.copyOf(LIVE).forEach(ChildProcess::close);
	}

	public Process process() {
		return this.process;
	}

	/**
	 * Waits for the process to exit.
	 *
	 * @return true if it exited within {@code timeout}
	 * @throws InterruptedException if the wait was interrupted: close the child then, which ends it
	 */
	public boolean await(Duration timeout) throws InterruptedException {
		return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/** The exit code of a process that has exited. */
	public int exitValue() {
		return this.process.exitValue();
	}

	/**
	 * Ends the process and its descendants if it still runs, and returns once they are gone (or after a bounded wait
	 * for a process that ignores SIGKILL's effect, such as one stuck in the kernel). Keeps the thread's interrupt.
	 */
	@Override
	public void close() {
		try {
			if (this.process.isAlive()) {
				ProcessTrees.end(this.process.toHandle(), GRACE);
			}
		}
		finally {
			LIVE.remove(this);
		}
	}

}
