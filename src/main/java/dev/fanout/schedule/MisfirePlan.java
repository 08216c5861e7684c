package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * The firings a schedule has due when the scheduler looks at it: those after {@code after} (the last firing it
 * handled, or at start-up the schedule's last run in the repository) up to {@code now}. The latest due firing runs if
 * it is at most the misfire threshold late; every other due firing is missed: {@code skip} drops them all,
 * {@code run-once} runs the most recent of them.
 *
 * @param fire the firings to launch, oldest first
 * @param missed how many firings were missed (counted up to {@value #COUNT_LIMIT})
 * @param lastMissed the most recent missed firing, or {@code null} if none was missed
 */
record MisfirePlan(List<Instant> fire, int missed, @Nullable Instant lastMissed) {

	static final int COUNT_LIMIT = 1000;

	static final MisfirePlan NOTHING_DUE = new MisfirePlan(List.of(), 0, null);

	static MisfirePlan of(Schedule schedule, Instant after, Instant now, Duration threshold) {
		Instant latest = schedule.latestIn(after, now);
		if (latest == null) {
			return NOTHING_DUE;
		}
		boolean onTime = Duration.between(latest, now).compareTo(threshold) <= 0;
		Instant lastMissed = onTime ? schedule.latestIn(after, latest.minusNanos(1)) : latest;
		List<Instant> fire = new ArrayList<>(2);
		if (lastMissed != null && schedule.misfire() == Misfire.RUN_ONCE) {
			fire.add(lastMissed);
		}
		if (onTime) {
			fire.add(latest);
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
