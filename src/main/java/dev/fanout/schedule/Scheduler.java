package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which firings are due: each schedule has a cursor, the time up to which its firings have been handled, and
 * each {@link #tick} hands the firings between the cursor and now to the {@link FiringDispatcher}, as the schedule's
 * misfire policy says ({@link MisfirePlan}). It never counts on its own waits: it compares the clock with the cursors,
 * so a suspend or a long GC shows up as misfires. {@link SchedulerLifecycle} runs it on a thread in serve mode.
 * <p>
 * Thread safety: {@link #cursors} is guarded by {@code this}.
 */
public class Scheduler {

	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	private final List<Schedule> schedules;

	private final ScheduleRuns runs;

	private final FiringDispatcher dispatcher;

	private final Duration misfireThreshold;

	private final Map<String, Instant> cursors = new HashMap<>();

	Scheduler(List<Schedule> schedules, ScheduleRuns runs, FiringDispatcher dispatcher, Duration misfireThreshold) {
		this.schedules = schedules;
		this.runs = runs;
		this.dispatcher = dispatcher;
		this.misfireThreshold = misfireThreshold;
	}

	List<Schedule> schedules() {
		return this.schedules;
	}

	/**
	 * Takes up each schedule where the repository says it left off: the firings after its last run (by any server)
	 * are due at the next {@link #tick}; a schedule that never ran starts with its first firing after {@code now}.
	 */
	public synchronized void resume(Instant now) {
		Map<String, LastRun> lastRuns = this.runs.lastRuns(this.schedules);
		for (Schedule schedule : this.schedules) {
			LastRun last = lastRuns.get(schedule.name());
			Instant from = (last != null && last.scheduledTime().isBefore(now)) ? last.scheduledTime() : now;
			this.cursors.put(schedule.name(), from);
			logger.info("Schedule {} ({} '{}' in {}, misfire {}): last run {}, next firing {}", schedule.name(),
					schedule.job(), schedule.cron(), schedule.zone(), schedule.misfire().text(),
					(last != null) ? last.scheduledTime() : "none", schedule.next(now));
		}
	}

	/** Hands every firing due at {@code now} to the launch threads; returns their outcomes to come, oldest first. */
	public synchronized List<Future<FiringOutcome>> tick(Instant now) {
		List<Future<FiringOutcome>> launches = new ArrayList<>();
		for (Schedule schedule : this.schedules) {
			Instant after = this.cursors.getOrDefault(schedule.name(), now);
			MisfirePlan plan = MisfirePlan.of(schedule, after, now, this.misfireThreshold);
			if (plan.lastMissed() != null) {
				logger.info("Schedule {} missed {} (the last at {}): {}", schedule.name(), plan.missedText(),
						plan.lastMissed(), (schedule.misfire() == Misfire.RUN_ONCE)
								? "running the last one once (misfire run-once)" : "skipped (misfire skip)");
			}
			plan.fire().forEach((time) -> launches.add(this.dispatcher.submit(schedule, time)));
			if (now.isAfter(after)) {
				this.cursors.put(schedule.name(), now);
			}
		}
		return launches;
	}

	/** How long until the earliest next firing after the cursors, at most {@code max}. */
	synchronized Duration untilNextFiring(Instant now, Duration max) {
		Duration wait = max;
		for (Schedule schedule : this.schedules) {
			Instant next = schedule.next(this.cursors.getOrDefault(schedule.name(), now));
			if (next != null && Duration.between(now, next).compareTo(wait) < 0) {
				wait = Duration.between(now, next);
			}
		}
		return wait;
	}

}
