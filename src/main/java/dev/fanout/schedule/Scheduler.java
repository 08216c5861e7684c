package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Future;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides which firings are due: each schedule has a cursor, the time up to which its firings have been handled, and
 * each {@link #tick} hands the firings between the cursor and now to the {@link FiringDispatcher}, as the schedule's
 * misfire policy says ({@link MisfirePlan}). It never counts on its own waits: it compares the clock with the cursors,
 * so a suspend or a long GC shows up as misfires. A firing that came back {@link FiringOutcome#PENDING} (another
 * server claimed it and has not created its instance) is handed again at each tick, while it is within the misfire
 * threshold and beyond it as the schedule's policy says, so that it still runs if that server died.
 * {@link SchedulerLifecycle} runs it on a thread in serve mode.
 * <p>
 * Thread safety: {@link #cursors} and {@link #handed} are guarded by {@code this}.
 */
public class Scheduler {

	private static final Logger logger = LoggerFactory.getLogger(Scheduler.class);

	/**
	 * The longest wait while a firing's outcome is unknown or pending: a holder that is alive creates the instance
	 * within moments, and waiting for the next firing instead (seconds to hours) would leave the firing unresolved.
	 */
	static final Duration LOOK_AGAIN = Duration.ofSeconds(1);

	private final List<Schedule> schedules;

	private final ScheduleRuns runs;

	private final FiringDispatcher dispatcher;

	private final Duration misfireThreshold;

	private final Map<String, Instant> cursors = new HashMap<>();

	/** Firings handed to the launch threads whose outcome is not known yet, oldest first. */
	private final List<Handed> handed = new ArrayList<>();

	/** A firing handed to the launch threads, and its outcome to come. */
	private record Handed(Schedule schedule, Instant time, Future<FiringOutcome> outcome) {

		boolean pending() {
			return this.outcome.state() == Future.State.SUCCESS && this.outcome.resultNow() == FiringOutcome.PENDING;
		}

	}

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

	/**
	 * Hands every firing due at {@code now}, and every pending one again, to the launch threads; returns their outcomes
	 * to come, the pending ones first, then the due ones oldest first.
	 */
	public synchronized List<Future<FiringOutcome>> tick(Instant now) {
		List<Future<FiringOutcome>> launches = lookAgain(now);
		for (Schedule schedule : this.schedules) {
			Instant after = this.cursors.getOrDefault(schedule.name(), now);
			MisfirePlan plan = MisfirePlan.of(schedule, after, now, this.misfireThreshold);
			if (plan.lastMissed() != null) {
				logger.info("Schedule {} missed {} (the last at {}): {}", schedule.name(), plan.missedText(),
						plan.lastMissed(), (schedule.misfire() == Misfire.RUN_ONCE)
								? "running the last one once (misfire run-once)" : "skipped (misfire skip)");
			}
			plan.fire().forEach((time) -> launches.add(hand(schedule, time, false)));
			if (now.isAfter(after)) {
				this.cursors.put(schedule.name(), now);
			}
		}
		return launches;
	}

	private Future<FiringOutcome> hand(Schedule schedule, Instant time, boolean again) {
		Future<FiringOutcome> outcome = this.dispatcher.submit(schedule, time, again);
		this.handed.add(new Handed(schedule, time, outcome));
		return outcome;
	}

	/**
	 * Hands again the firings that came back pending. Within the threshold they are on time; beyond it they are
	 * missed, like any firing reached that late: {@code skip} stops looking at them, {@code run-once} keeps looking
	 * at the most recent one of each schedule. Firings whose launch has not returned yet are looked at next time.
	 */
	private List<Future<FiringOutcome>> lookAgain(Instant now) {
		List<Handed> pending = new ArrayList<>();
		this.handed.removeIf((firing) -> {
			if (firing.pending()) {
				pending.add(firing);
			}
			return firing.outcome().isDone();
		});
		List<Future<FiringOutcome>> launches = new ArrayList<>();
		Map<String, List<Handed>> missed = new LinkedHashMap<>();
		for (Handed firing : pending) {
			Schedule schedule = firing.schedule();
			if (Duration.between(firing.time(), now).compareTo(this.misfireThreshold) <= 0) {
				launches.add(hand(schedule, firing.time(), true));
			}
			else if (schedule.misfire() == Misfire.RUN_ONCE) {
				missed.computeIfAbsent(schedule.name(), (name) -> new ArrayList<>()).add(firing);
			}
			else {
				logger.info("Firing {}: still claimed by another server and not launched after the misfire threshold; "
						+ "missed, not looking at it again (misfire skip)", schedule.runId(firing.time()));
			}
		}
		for (List<Handed> ofSchedule : missed.values()) {
			Handed last = Collections.max(ofSchedule, Comparator.comparing(Handed::time));
			ofSchedule.stream()
				.filter((firing) -> firing != last)
				.forEach((firing) -> logger.info("Firing {}: still claimed by another server and not launched after "
						+ "the misfire threshold; skipped for the later {} (misfire run-once)",
						firing.schedule().runId(firing.time()), last.time()));
			launches.add(hand(last.schedule(), last.time(), true));
		}
		return launches;
	}

	/**
	 * How long until the earliest next firing after the cursors, at most {@code max}, and at most {@link #LOOK_AGAIN}
	 * while a firing handed out may come back pending (its outcome unknown yet) or has (to be handed again).
	 */
	synchronized Duration untilNextFiring(Instant now, Duration max) {
		Duration wait = max;
		if (!this.handed.isEmpty() && LOOK_AGAIN.compareTo(wait) < 0) {
			wait = LOOK_AGAIN;
		}
		for (Schedule schedule : this.schedules) {
			Instant next = schedule.next(this.cursors.getOrDefault(schedule.name(), now));
			if (next != null && Duration.between(now, next).compareTo(wait) < 0) {
				wait = Duration.between(now, next);
			}
		}
		return wait;
	}

}
