package dev.fanout.batch.bench;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

/**
 * A process a bench starts (openssl under bash, python3, a fresh JVM), which never outlives the bench: closing it
 * ends the process and every process it started (a bash script's pipelines, a launcher's JVM), politely, then
 * forcibly after {@link #GRACE}. Use it in a try-with-resources around the wait, so that an interrupted wait, a
 * timeout or an exception thrown while it runs ends it; one that already exited is left alone. The JVM's own
 * shutdown (Ctrl-C on a bench) ends those still running too.
 * <p>
 * Known limit: a process that the child forks in the instant between the snapshot of its descendants and its own end
 * is not seen (no process group is used, so as not to add a process to a reference's work).
 */
public final class ChildProcess implements AutoCloseable {

	/** How long a process and its descendants get to exit after SIGTERM, before SIGKILL. */
	static final Duration GRACE = Duration.ofSeconds(3);

	/** How long {@link #close} waits for the killed processes to be gone, so that none is left when it returns. */
	private static final Duration GONE = Duration.ofSeconds(10);

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
				end(this.process.toHandle());
			}
		}
		finally {
			LIVE.remove(this);
		}
	}

	/**
	 * SIGTERM to the process, then to its descendants as they were just before (once it is gone, its children belong
	 * to init and are no longer its descendants, so they are listed first), then SIGKILL to whatever of them, or of
	 * what they started meanwhile, still runs after the grace period.
	 */
	static void end(ProcessHandle root) {
		List<ProcessHandle> tree = new ArrayList<>();
		tree.add(root);
		root.descendants().forEach(tree::add);
		// The root first: a shell that outlives its children starts the next ones.
		tree.forEach(ProcessHandle::destroy);
		boolean interrupted = awaitGone(tree, GRACE);
		Set<ProcessHandle> left = new LinkedHashSet<>();
		tree.stream()
			.flatMap((handle) -> Stream.concat(Stream.of(handle), handle.descendants()))
			.filter(ProcessHandle::isAlive)
			.forEach(left::add);
		left.forEach(ProcessHandle::destroyForcibly);
		interrupted |= awaitGone(left, GONE);
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	/** Waits until every process has exited or {@code limit} passed; true if the thread was interrupted meanwhile. */
	private static boolean awaitGone(Iterable<ProcessHandle> processes, Duration limit) {
		long deadline = System.nanoTime() + limit.toNanos();
		// Cleared while waiting, so that an interrupted bench still waits for its children to end; set again after.
		boolean interrupted = Thread.interrupted();
		for (ProcessHandle process : processes) {
			while (true) {
				try {
					process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
					break;
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (TimeoutException ex) {
					break;
				}
				catch (ExecutionException ex) {
					break;
				}
			}
		}
		return interrupted;
	}

}
