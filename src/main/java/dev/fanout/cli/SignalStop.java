package dev.fanout.cli;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.springframework.stereotype.Component;

import dev.fanout.launch.ExecutionStopper;
import dev.fanout.launch.ShutdownProperties;
import dev.fanout.recovery.Heartbeat;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGTERM and SIGINT (Ctrl-C) while a launch runs: the first asks this process's running executions to stop at their
 * next boundary ({@link ExecutionStopper}) and the launch returns STOPPED, so the process exits through the normal
 * path. The JVM's own handlers would start its shutdown at once, closing the connection pool and H2 under the
 * running job (Spring Batch's shutdown hook then fails and leaves steps STARTED). A second signal, or a stop longer
 * than {@code fanout.shutdown.timeout}, halts the process with 128 + the signal's number (130, 143), leaving the
 * execution orphaned for {@code recover}.
 * <p>
 * {@code serve} keeps the handlers installed while it serves: the JVM's shutdown (and with it the web server's
 * graceful shutdown) then starts only once its jobs have stopped, when {@code main} closes the context.
 */
@Component
class SignalStop {

	private static final long POLL_MILLIS = 100;

	private final Heartbeat heartbeat;

	private final ExecutionStopper stopper;

	private final Duration timeout;

	SignalStop(Heartbeat heartbeat, ExecutionStopper stopper, ShutdownProperties properties) {
		this.heartbeat = heartbeat;
		this.stopper = stopper;
		this.timeout = properties.timeout();
	}

	/**
	 * Installs the handlers until the returned object is closed, when the launch has returned.
	 * @param notices where the stop's notices go, each a line of its own (written from a signal's thread)
	 */
	Installed install(Consumer<String> notices) {
		return new Installed(notices, false);
	}

	/**
	 * Like {@link #install(Consumer)}, for {@code serve}: a first signal when no execution of this process runs says
	 * nothing (there is nothing to stop; {@code serve} says it closes), and {@link Installed#jobsRunningAtSignal()}
	 * tells which it was.
	 */
	Installed installServing(Consumer<String> notices) {
		return new Installed(notices, true);
	}

	final class Installed implements AutoCloseable {

		private final Consumer<String> notices;

		/** Signals received; atomic because each signal runs its handler on a thread of its own. */
		private final AtomicInteger signals = new AtomicInteger();

		private final CountDownLatch ended = new CountDownLatch(1);

		/** Counted down by the first signal: {@code serve} waits on it. */
		private final CountDownLatch signalled = new CountDownLatch(1);

		/** Written before the handlers are installed, read when they are restored: confined to the launch's caller. */
		private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

		private final boolean serving;

		/** Written by the first signal's handler before {@link #signalled} is counted down, read after awaiting it. */
		private volatile boolean jobsRunningAtSignal;

		private Installed(Consumer<String> notices, boolean serving) {
			this.notices = notices;
			this.serving = serving;
			for (String name : new String[] { "TERM", "INT" }) {
				Signal signal = new Signal(name);
				this.previous.put(signal, Signal.handle(signal, this::handle));
			}
		}

		private void handle(Signal signal) {
			int exitCode = 128 + signal.getNumber();
			if (this.signals.incrementAndGet() == 1) {
				this.jobsRunningAtSignal = !SignalStop.this.heartbeat.runningExecutions().isEmpty();
				if (!this.serving || this.jobsRunningAtSignal) {
					this.notices.accept("fanout: stopping at the next boundary; press Ctrl-C again to exit now");
				}
				Thread.ofPlatform().daemon().name("fanout-stop").start(() -> stopUntilEnded(exitCode));
				this.signalled.countDown();
			}
			else {
				exitNow(exitCode, "exiting now");
			}
		}

		/** Asks every running execution of this process to stop, including one that starts meanwhile. */
		private void stopUntilEnded(int exitCode) {
			Set<Long> asked = new HashSet<>(); // confined to this thread
			long deadline = System.nanoTime() + SignalStop.this.timeout.toNanos();
			try {
				do {
					for (long id : SignalStop.this.heartbeat.runningExecutions()) {
						if (!asked.contains(id) && stop(id)) {
							asked.add(id);
						}
					}
					if (System.nanoTime() - deadline > 0) {
						exitNow(exitCode, "not stopped within " + SignalStop.this.timeout.toSeconds() + " s; exiting now");
					}
				}
				while (!this.ended.await(POLL_MILLIS, TimeUnit.MILLISECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		private void exitNow(int exitCode, String why) {
			Set<Long> running = SignalStop.this.heartbeat.runningExecutions();
			this.notices.accept(("fanout: %s; %s left running: 'fanout recover --orphans', then 'fanout restart' it")
				.formatted(why, running.isEmpty() ? "no execution" : "execution " + running.iterator().next()));
			Runtime.getRuntime().halt(exitCode);
		}

		/**
		 * Blocks until the first signal. The stop it starts goes on, for executions started meanwhile too, until this
		 * object is closed.
		 */
		void awaitSignal() throws InterruptedException {
			this.signalled.await();
		}

		/** After {@link #awaitSignal()}: whether an execution of this process was running when the signal came. */
		boolean jobsRunningAtSignal() {
			return this.jobsRunningAtSignal;
		}

		@Override
		public void close() {
			this.ended.countDown();
			this.previous.forEach(Signal::handle);
		}

	}

	/** Whether the execution has been asked to stop (or needs no asking); {@code false} to try again. */
	private boolean stop(long executionId) {
		return this.stopper.askToStop(executionId, (execution) -> true, "Signal received");
	}

}
