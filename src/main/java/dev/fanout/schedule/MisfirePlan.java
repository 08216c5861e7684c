package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The firings a schedule has due when the scheduler looks at it: those after {@code after} (the last firing it
 * handled, or at start-up the schedule's last run in the repository) up to {@code now}. Each due firing is judged by
 * its own lateness: one at most the misfire threshold late runs, even when later firings are due too (a scheduler
 * that woke 7 s late on a schedule every 5 s runs both firings it finds); one later than that is missed:
 * {@code skip} drops them all, {@code run-once} runs the most recent of them. The threshold thus bounds how many
 * firings one look launches: a schedule every second that the scheduler reaches after a long stall runs the last
 * threshold's worth of firings (60 for {@code 1m}), not every second of the stall.
 *
 * @param fire the firings to launch, oldest first
 * @param missed how many firings were missed (counted up to {@value #COUNT_LIMIT})
 * @param lastMissed the most recent missed firing, or {@code null} if none was missed
 */
record MisfirePlan(List<Instant> fire, int missed, @Nullable Instant lastMissed) {

	static final int COUNT_LIMIT = 1000;

	static final MisfirePlan NOTHING_DUE = new MisfirePlan(List.of(), 0, null);

	static MisfirePlan of(Schedule schedule, Instant after, Instant now, Duration threshold) {
		// A firing is on time when it is at most the threshold late, that is scheduled at or after `onTimeFrom`.
		Instant onTimeFrom = now.minus(threshold);
		Instant lastMissed = onTimeFrom.isAfter(after) ? schedule.latestIn(after, onTimeFrom.minusNanos(1)) : null;
		List<Instant> fire = new ArrayList<>();
		if (lastMissed != null && schedule.misfire() == Misfire.RUN_ONCE) {
			fire.add(lastMissed);
		}
		Instant from = onTimeFrom.isAfter(after) ? onTimeFrom.minusNanos(1) : after;
		for (Instant time = schedule.next(from); time != null && !time.isAfter(now); time = schedule.next(time)) {
			fire.add(time);
		}
		if (fire.isEmpty() && lastMissed == null) {
			return NOTHING_DUE;
		}
		int missed = (lastMissed != null) ? schedule.countIn(after, lastMissed, COUNT_LIMIT) : 0;
		return new MisfirePlan(List.copyOf(fire), missed, lastMissed);
	}

	/** {@code 3 firings}, or {@code 1000+ firings} when counting stopped. */
	String missedText() {
		return (this.missed >= COUNT_LIMIT ? COUNT_LIMIT + "+" : Integer.toString(this.missed))
				+ (this.missed == 1 ? " firing" : " firings");
	}

}
