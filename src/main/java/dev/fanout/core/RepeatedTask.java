package dev.fanout.core;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;

/**
 * A task that a {@code ScheduledExecutorService} repeats, kept repeating whatever one of its runs throws.
 * <p>
 * The executor ends a repetition at the first throwable that escapes a run, and says nothing: it keeps it in a future
 * nobody reads. Heartbeats that caught only {@link RuntimeException}s ended at an {@link Error} in one beat (an
 * {@code OutOfMemoryError}, a {@code NoClassDefFoundError}, an {@code AssertionError}); the rows they refresh aged, and
 * other processes judged a live process dead.
 * <p>
 * Kept repeating rather than ending the process: a heartbeat says that its process lives, and it still does. An Error
 * in one run need not recur (memory is freed, a class loads on the next try); if it does, every run fails and the rows
 * age, as when the database cannot be reached, and other processes reach the verdict they must reach about a process
 * that cannot beat. Halting would end every execution of the process for the failure of one beat. Loud all the same:
 * the first failure of each kind (its class) is logged at ERROR with its stack trace, a later one of that kind in one
 * WARN line per run, as a beat that failed with a {@link RuntimeException} always was.
 */
public final class RepeatedTask implements Runnable {

	private final String what;

	private final Logger logger;

	private final Runnable task;

	/** The kinds of failure logged at ERROR already: a concurrent set, as a test may run the task on its own thread. */
	private final Set<Class<?>> logged = ConcurrentHashMap.newKeySet();

	/**
	 * @param what what the task does, as a log line names it ("Heartbeat")
	 * @param logger the logger of the class the task belongs to
	 */
	public RepeatedTask(String what, Logger logger, Runnable task) {
		this.what = what;
		this.logger = logger;
		this.task = task;
	}

	@Override
	public void run() {
		try {
			this.task.run();
		}
		catch (Throwable failure) {
			log(failure);
		}
	}

	private void log(Throwable failure) {
		try {
			if (this.logged.add(failure.getClass())) {
				this.logger.error("{} failed; it runs again at its next time (a later failure of this kind is logged "
						+ "in one line)", this.what, failure);
			}
			else {
				this.logger.warn("{} failed again: {}", this.what, failure.toString());
			}
		}
		catch (Throwable ignored) {
			// Logging fails too (out of memory again): the repetition must go on all the same.
		}
	}

}
