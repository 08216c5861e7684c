package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Which firings a look at the clock launches, on time and after the scheduler missed some. */
class MisfirePlanTests {

	private static final Duration THRESHOLD = Duration.ofMinutes(1);

	private static final Instant LAST_RUN = Instant.parse("2026-11-20T10:00:00Z");

	@Test
	void aFiringReachedWithinTheThresholdRunsWhateverThePolicy() {
		for (Misfire misfire : Misfire.values()) {
			Schedule hourly = TestSchedules.of("hourly", "0 0 * * * *", "UTC", misfire);
			MisfirePlan plan = MisfirePlan.of(hourly, LAST_RUN, Instant.parse("2026-11-20T11:00:00.003Z"), THRESHOLD);

			assertThat(plan.fire()).containsExactly(Instant.parse("2026-11-20T11:00:00Z"));
			assertThat(plan.missed()).isZero();
			assertThat(plan.lastMissed()).isNull();
		}
	}

	@Test
	void nothingIsDueBeforeTheNextFiring() {
		Schedule hourly = TestSchedules.of("hourly", "0 0 * * * *", "UTC", Misfire.RUN_ONCE);
		assertThat(MisfirePlan.of(hourly, LAST_RUN, Instant.parse("2026-11-20T10:59:59Z"), THRESHOLD))
			.isEqualTo(MisfirePlan.NOTHING_DUE);
	}

	@Test
	void skipDropsEveryMissedFiring() {
		Schedule hourly = TestSchedules.of("hourly", "0 0 * * * *", "UTC", Misfire.SKIP);
		// Down from 10:30 to 13:20: 11:00, 12:00 and 13:00 were missed.
		MisfirePlan plan = MisfirePlan.of(hourly, LAST_RUN, Instant.parse("2026-11-20T13:20:00Z"), THRESHOLD);

		assertThat(plan.fire()).isEmpty();
		assertThat(plan.missed()).isEqualTo(3);
		assertThat(plan.lastMissed()).isEqualTo(Instant.parse("2026-11-20T13:00:00Z"));
		assertThat(plan.missedText()).isEqualTo("3 firings");
	}

	@Test
	void runOnceRunsOnlyTheMostRecentMissedFiringUnderItsOwnTime() {
		Schedule hourly = TestSchedules.of("hourly", "0 0 * * * *", "UTC", Misfire.RUN_ONCE);
		MisfirePlan plan = MisfirePlan.of(hourly, LAST_RUN, Instant.parse("2026-11-20T13:20:00Z"), THRESHOLD);

		assertThat(plan.fire()).containsExactly(Instant.parse("2026-11-20T13:00:00Z"));
		assertThat(plan.missed()).isEqualTo(3);
	}

	@Test
	void wakingLateRunsTheOnTimeFiringAndForRunOnceAlsoTheLastMissedOne() {
		// A 90 s stall across 12:00 and 12:01 of a per-minute schedule: 12:00 is 91 s late, 12:01 only 31 s.
		Instant lastLook = Instant.parse("2026-11-20T11:59:59.500Z");
		Instant wake = Instant.parse("2026-11-20T12:01:31Z");
		Schedule skip = TestSchedules.of("minutely", "0 * * * * *", "UTC", Misfire.SKIP);
		Schedule runOnce = TestSchedules.of("minutely", "0 * * * * *", "UTC", Misfire.RUN_ONCE);

		MisfirePlan skipped = MisfirePlan.of(skip, lastLook, wake, THRESHOLD);
		assertThat(skipped.fire()).containsExactly(Instant.parse("2026-11-20T12:01:00Z"));
		assertThat(skipped.lastMissed()).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));

		assertThat(MisfirePlan.of(runOnce, lastLook, wake, THRESHOLD).fire())
			.containsExactly(Instant.parse("2026-11-20T12:00:00Z"), Instant.parse("2026-11-20T12:01:00Z"));
	}

	@Test
	void everyFiringWithinTheThresholdRunsWhenTheSchedulerLooksLateAtSeveral() {
		// Every 5 s; the scheduler, due at 10:00:05, looks only at 10:00:12: 10:00:05 is 7 s late, 10:00:10 2 s.
		Instant lastLook = Instant.parse("2026-11-20T10:00:00.100Z");
		Instant late = Instant.parse("2026-11-20T10:00:12Z");
		for (Misfire misfire : Misfire.values()) {
			Schedule everyFive = TestSchedules.of("five", "*/5 * * * * *", "UTC", misfire);
			MisfirePlan plan = MisfirePlan.of(everyFive, lastLook, late, THRESHOLD);

			assertThat(plan.fire()).as(misfire.text())
				.containsExactly(Instant.parse("2026-11-20T10:00:05Z"), Instant.parse("2026-11-20T10:00:10Z"));
			assertThat(plan.lastMissed()).as(misfire.text()).isNull();
			assertThat(plan.missed()).as(misfire.text()).isZero();
		}
	}

	@Test
	void theThresholdBoundsHowManyFiringsOfAFrequentScheduleRunAfterALongOutage() {
		Instant now = Instant.parse("2026-11-27T10:00:00.500Z");
		// On time: 09:59:01 to 10:00:00, at most a minute late; 09:59:00 is 60.5 s late, missed.
		Schedule skipping = TestSchedules.of("fast", "* * * * * *", "UTC", Misfire.SKIP);
		MisfirePlan skipped = MisfirePlan.of(skipping, LAST_RUN, now, THRESHOLD);

		assertThat(skipped.fire()).hasSize(60);
		assertThat(skipped.fire().getFirst()).isEqualTo(Instant.parse("2026-11-27T09:59:01Z"));
		assertThat(skipped.fire().getLast()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
		assertThat(skipped.lastMissed()).isEqualTo(Instant.parse("2026-11-27T09:59:00Z"));
		assertThat(skipped.missedText()).as("a week of seconds, counted up to a limit").isEqualTo("1000+ firings");

		Schedule runOnce = TestSchedules.of("fast", "* * * * * *", "UTC", Misfire.RUN_ONCE);
		MisfirePlan caughtUp = MisfirePlan.of(runOnce, LAST_RUN, now, THRESHOLD);
		assertThat(caughtUp.fire()).as("the last missed firing, then the on-time ones").hasSize(61);
		assertThat(caughtUp.fire().getFirst()).isEqualTo(Instant.parse("2026-11-27T09:59:00Z"));
	}

}
