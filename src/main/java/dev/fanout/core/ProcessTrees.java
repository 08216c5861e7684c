package dev.fanout.core;

import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;

/**
 * Ends a process and every process it started (a script's pipelines, a launcher's JVM, a wrapper's children): SIGTERM
 * to each, up to a grace period for them to exit, then SIGKILL to each still running, and a bounded wait for them to
 * be gone. The points it handles:
 * <ul>
 * <li>The tree is listed before any signal: once a process is gone, its children belong to init and are no longer
 * its descendants. The processes seen stay known by their handles (pid and start time, so a reused pid is not
 * signalled).</li>
 * <li>A process started meanwhile by a member still running (a shell's trap, the next command of a script) is found
 * by listing the living members' descendants again at every check, and gets the signal of the moment.</li>
 * <li>No wait is unbounded: the grace, then {@link #GONE} after SIGKILL (a process in uninterruptible sleep dies only
 * once its system call returns). An interrupt shortens neither (the tree still ends); the thread keeps it.</li>
 * <li>A zombie counts as gone: it runs nothing, and an orphan's is reaped only when init gets to it. A child of this
 * JVM is waited for (briefly) until the JDK's waiter has reaped it: only then does its {@link Process} say it exited
 * (a bench's child was seen alive after its close).</li>
 * </ul>
 * Known limit: a process forked by a member in the instant between the last listing and that member's end is not
 * seen (no process group or cgroup is used: the callers' children are ordinary processes).
 */
public final class ProcessTrees {

	/** How long {@link #end} waits for the processes to be gone after SIGKILL. */
	static final Duration GONE = Duration.ofSeconds(10);

	/** How long {@link #end} waits for this JVM's ended children to be reaped: the JDK does it within milliseconds. */
	private static final Duration REAPED = Duration.ofSeconds(5);

	/** How often the waits look at the tree again: a listing reads {@code /proc}, so not much more often. */
	private static final long CHECK_NANOS = Duration.ofMillis(10).toNanos();

	private ProcessTrees() {
	}

	/** As {@link #end(Collection, Duration)} for one tree. */
	public static boolean end(ProcessHandle root, Duration grace) {
		return end(List.of(root), grace);
	}

	/**
	 * Ends the processes and their descendants: SIGTERM, then SIGKILL to those still running after {@code grace}
	 * (SIGKILL at once with a zero grace). Returns once all are gone, or after a bounded wait.
	 *
	 * @return true if every process seen is gone
	 */
	public static boolean end(Collection<ProcessHandle> roots, Duration grace) {
		return end(roots, grace, GONE);
	}

	/** As {@link #end(Collection, Duration)}, waiting up to {@code gone} after SIGKILL: a test's bound. */
	static boolean end(Collection<ProcessHandle> roots, Duration grace, Duration gone) {
		if (grace.isNegative()) {
			throw new IllegalArgumentException("a grace period cannot be negative: " + grace);
		}
		Tree tree = new Tree(roots);
		try {
			boolean ended = (grace.isPositive() && tree.signal(false, deadline(grace)))
					|| tree.signal(true, deadline(gone));
			if (ended) {
				tree.awaitReaped(deadline(REAPED));
			}
			return ended;
		}
		finally {
			if (tree.interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	private static long deadline(Duration limit) {
		return System.nanoTime() + limit.toNanos();
	}

	/** The processes seen so far, parents before children; confined to the thread of {@link #end}. */
	private static final class Tree {

		private final Set<ProcessHandle> seen = new LinkedHashSet<>();

		/** Whether the thread was interrupted: cleared while waiting (a park would not wait), set again by end. */
		private boolean interrupted = Thread.interrupted();

		/** The members that are this JVM's children, known while they ran (a zombie's parent is not listed). */
		private final Set<ProcessHandle> children = new LinkedHashSet<>();

		Tree(Collection<ProcessHandle> roots) {
			this.seen.addAll(roots);
			this.children.addAll(ProcessHandle.current().children().filter(this.seen::contains).toList());
		}

		/**
		 * Lists the tree and sends the signal to every member, again at every check to those found since, until all
		 * are gone or the deadline. SIGKILL is followed by a listing at once: a process forked by a member just
		 * before its SIGKILL is still its descendant while the member exits, and is its orphan soon after.
		 *
		 * @return true if all are gone
		 */
		boolean signal(boolean forcibly, long deadline) {
			Set<ProcessHandle> signalled = new HashSet<>();
			while (true) {
				boolean sent;
				do {
					grow();
					sent = false;
					for (ProcessHandle member : List.copyOf(this.seen)) {
						if (running(member) && signalled.add(member)) {
							sent = true;
							if (forcibly) {
								member.destroyForcibly();
							}
							else {
								member.destroy();
							}
						}
					}
				}
				while (forcibly && sent && deadline - System.nanoTime() > 0);
				if (this.seen.stream().noneMatch(Tree::running)) {
					return true;
				}
				if (deadline - System.nanoTime() <= 0) {
					return false;
				}
				LockSupport.parkNanos(Math.min(CHECK_NANOS, deadline - System.nanoTime()));
				this.interrupted |= Thread.interrupted();
			}
		}

		/** Waits until this JVM's own children among the members, ended, are reaped, or until the deadline. */
		void awaitReaped(long deadline) {
			for (ProcessHandle member : this.children) {
				long left = deadline - System.nanoTime();
				if (left <= 0) {
					return;
				}
				try {
					member.onExit().get(left, TimeUnit.NANOSECONDS);
				}
				catch (InterruptedException ex) {
					this.interrupted = true;
					return;
				}
				catch (ExecutionException | TimeoutException ex) {
					// not reaped within the bound: it is gone all the same, a zombie
				}
			}
		}

		/**
		 * Adds the descendants of the living members, listed from those whose parent is not a living member (one
		 * reading of {@code /proc} per subtree rather than per member).
		 */
		private void grow() {
			List<ProcessHandle> living = this.seen.stream().filter(ProcessHandle::isAlive).toList();
			Set<Long> livingPids = new HashSet<>();
			living.forEach((member) -> livingPids.add(member.pid()));
			for (ProcessHandle member : living) {
				boolean top = member.parent().map((parent) -> !livingPids.contains(parent.pid())).orElse(true);
				if (top) {
					member.descendants().forEach(this.seen::add);
				}
			}
		}

		private static boolean running(ProcessHandle process) {
			return process.isAlive() && !Processes.zombie(process.pid());
		}

	}

}
