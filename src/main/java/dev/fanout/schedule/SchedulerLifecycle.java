package dev.fanout.schedule;

import java.time.Clock;
import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs the {@link Scheduler} on one thread in serve mode: look at the clock, hand due firings to the launch threads,
 * wait until the next firing (at most {@link #MAX_WAIT}, or half the misfire threshold, or
 * {@link Scheduler#LOOK_AGAIN} while a firing may be pending), repeat.
 * <p>
 * Started last and stopped first (the highest phase): when the context closes, no firing starts once jobs are asked
 * to stop. A shutdown path that stops jobs before closing the context calls {@link #stop} first.
 * Thread safety: {@link #running} and {@link #thread} are guarded by {@code this}, whose monitor the loop also waits on.
 */
public class SchedulerLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(SchedulerLifecycle.class);

	/** The longest wait between looks at the clock: a suspended machine's timers do not count the suspension. */
	static final Duration MAX_WAIT = Duration.ofSeconds(10);

	private final Scheduler scheduler;

	private final FiringDispatcher dispatcher;

	private final Clock clock;

	private final SchedulerProperties properties;

	private boolean running;

	private @Nullable Thread thread;

	SchedulerLifecycle(Scheduler scheduler, FiringDispatcher dispatcher, Clock clock, SchedulerProperties properties) {
		this.scheduler = scheduler;
		this.dispatcher = dispatcher;
		this.clock = clock;
		this.properties = properties;
	}

	@Override
	public synchronized void start() {
		if (!this.properties.enabled()) {
			logger.info("Scheduler disabled (fanout.scheduler.enabled=false): {} schedule(s) will not fire",
					this.scheduler.schedules().size());
			return;
		}
		if (this.scheduler.schedules().isEmpty()) {
			logger.info("No schedules configured (fanout.schedules): nothing to fire");
			return;
		}
		this.scheduler.resume(this.clock.instant());
		this.running = true;
		this.thread = Thread.ofPlatform().daemon().name("fanout-scheduler").start(this::loop);
	}

	private void loop() {
		Duration longest = min(MAX_WAIT, this.properties.misfireThreshold().dividedBy(2));
		while (isRunning()) {
			Duration wait = longest;
			try {
				this.scheduler.tick(this.clock.instant());
				wait = this.scheduler.untilNextFiring(this.clock.instant(), longest);
			}
			catch (RuntimeException | Error ex) {
				// A failed look at the repository must not end scheduling: log it, look again after the longest wait.
				// An Error too (a class that failed to load, memory short for a moment): it need not recur, and an
				// ended thread would stop every schedule of this server without a word in the log.
				logger.error("Scheduler: checking for due firings failed; trying again in {}", longest, ex);
			}
			if (!await(wait)) {
				return;
			}
		}
	}

	/** Waits (on this object's monitor, which {@link #stop} notifies); {@code false} when stopped meanwhile. */
	private synchronized boolean await(Duration wait) {
		try {
			if (this.running && wait.isPositive()) {
				wait(Math.max(1, wait.toMillis()));
			}
			return this.running;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	/** Stops firing first, then this server's scheduled jobs, waiting for them ({@link FiringDispatcher#shutdown}). */
	@Override
	public void stop() {
		Thread loop;
		synchronized (this) {
			this.running = false;
			notifyAll();
			loop = this.thread;
		}
		try {
			if (loop != null) {
				loop.join();
				logger.info("Scheduler stopped: no more firings");
			}
			this.dispatcher.shutdown();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return Integer.MAX_VALUE;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
