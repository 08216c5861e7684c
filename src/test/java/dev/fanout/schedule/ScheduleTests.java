package dev.fanout.schedule;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Fire times and firing identities of schedules, in several zones and across daylight-saving changes. */
class ScheduleTests {

	@Test
	void nextFireTimesFollowTheCronExpressionInTheScheduleZone() {
		Schedule nightly = TestSchedules.of("nightly", "0 30 2 * * *", "Europe/Berlin", Misfire.SKIP);
		Schedule weekdays = TestSchedules.of("weekdays", "0 0 9 * * MON-FRI", "America/New_York", Misfire.SKIP);
		Schedule quarterHour = TestSchedules.of("quarter", "0 */15 * * * *", "UTC", Misfire.SKIP);
		Instant friday = Instant.parse("2026-11-20T12:00:00Z");

		assertThat(times(nightly.nextFireTimes(friday, 2)))
			.containsExactly("2026-11-21T02:30+01:00[Europe/Berlin]", "2026-11-22T02:30+01:00[Europe/Berlin]");
		assertThat(nightly.next(friday)).isEqualTo(Instant.parse("2026-11-21T01:30:00Z"));
		assertThat(times(weekdays.nextFireTimes(friday, 2))).as("Friday 09:00 in New York is 14:00 UTC: still ahead")
			.containsExactly("2026-11-20T09:00-05:00[America/New_York]", "2026-11-23T09:00-05:00[America/New_York]");
		assertThat(times(quarterHour.nextFireTimes(Instant.parse("2026-11-20T12:14:59Z"), 3)))
			.containsExactly("2026-11-20T12:15Z[UTC]", "2026-11-20T12:30Z[UTC]", "2026-11-20T12:45Z[UTC]");
	}

	@Test
	void daylightSavingChangesNeitherRepeatNorLoseRealHours() {
		Schedule hourly = TestSchedules.of("hourly", "0 0 * * * *", "Europe/Berlin", Misfire.SKIP);
		// 2026-10-25: clocks go back from 03:00 CEST to 02:00 CET; 02:00 local happens twice, an hour apart.
		List<ZonedDateTime> autumn = hourly.nextFireTimes(Instant.parse("2026-10-24T23:30:00Z"), 4);
		assertThat(autumn.stream().map(ZonedDateTime::toInstant).map(Instant::toString)).containsExactly(
				"2026-10-25T00:00:00Z", "2026-10-25T01:00:00Z", "2026-10-25T02:00:00Z", "2026-10-25T03:00:00Z");
		assertThat(autumn.stream().map((t) -> hourly.runId(t.toInstant())).distinct()).as("every firing has its own identity").hasSize(4);

		// 2026-03-29: clocks jump from 02:00 CET to 03:00 CEST; 02:30 local does not exist that day.
		Schedule nightly = TestSchedules.of("nightly", "0 30 2 * * *", "Europe/Berlin", Misfire.SKIP);
		assertThat(times(nightly.nextFireTimes(Instant.parse("2026-03-28T12:00:00Z"), 2)))
			.containsExactly("2026-03-30T02:30+02:00[Europe/Berlin]", "2026-03-31T02:30+02:00[Europe/Berlin]");
		// The repeated local hour: a fixed time in it fires at both of its instants (documented in the README).
		assertThat(nightly.nextFireTimes(Instant.parse("2026-10-24T12:00:00Z"), 2).stream().map(ZonedDateTime::toInstant))
			.containsExactly(Instant.parse("2026-10-25T00:30:00Z"), Instant.parse("2026-10-25T01:30:00Z"));
	}

	@Test
	void aFiringIsIdentifiedByItsScheduledTimeInUtc() {
		Schedule nightly = TestSchedules.of("nightly", "0 30 2 * * *", "Europe/Berlin", Misfire.SKIP);
		Instant firing = Instant.parse("2026-11-21T01:30:00Z");

		assertThat(nightly.runId(firing)).isEqualTo("nightly@2026-11-21T01:30:00Z");
		assertThat(nightly.jobParameters(firing).getString("run.id")).isEqualTo("nightly@2026-11-21T01:30:00Z");
		assertThat(nightly.jobParameters(firing).getString("numbers")).isEqualTo("12");
		assertThat(nightly.scheduledTime("nightly@2026-11-21T01:30:00Z")).isEqualTo(firing);
		assertThat(nightly.scheduledTime("nightly-2@2026-11-21T01:30:00Z")).as("another schedule's firing").isNull();
		assertThat(nightly.scheduledTime("7")).as("a run --new instance").isNull();
		assertThat(nightly.scheduledTime(null)).isNull();
	}

	@Test
	void findsTheLatestFiringInAWindowWithoutWalkingItFromTheStart() {
		Schedule everySecond = TestSchedules.of("fast", "* * * * * *", "UTC", Misfire.SKIP);
		Schedule nightly = TestSchedules.of("nightly", "0 30 2 * * *", "UTC", Misfire.SKIP);
		Instant yearAgo = Instant.parse("2025-11-20T12:00:00Z");
		Instant now = Instant.parse("2026-11-20T12:00:00.500Z");

		assertThat(everySecond.latestIn(yearAgo, now)).isEqualTo(Instant.parse("2026-11-20T12:00:00Z"));
		assertThat(nightly.latestIn(yearAgo, now)).isEqualTo(Instant.parse("2026-11-20T02:30:00Z"));
		assertThat(nightly.latestIn(Instant.parse("2026-11-20T02:30:00Z"), now)).as("the bound is exclusive").isNull();
		assertThat(nightly.countIn(Instant.parse("2026-11-17T00:00:00Z"), now, 100)).isEqualTo(4);
		assertThat(everySecond.countIn(yearAgo, now, 1000)).as("counting stops at the limit").isEqualTo(1000);
	}

	private static List<String> times(List<ZonedDateTime> times) {
		return times.stream().map(ZonedDateTime::toString).toList();
	}

}
