package dev.fanout.schedule;

import java.time.ZoneId;
import java.util.Map;

import org.springframework.scheduling.support.CronExpression;

/** Schedules built directly, for tests of time arithmetic that need no job. */
final class TestSchedules {

	private TestSchedules() {
	}

	static Schedule of(String name, String cron, String zone, Misfire misfire) {
		return new Schedule(name, "factorize", cron, CronExpression.parse(cron), ZoneId.of(zone), misfire, Map.of(),
				Map.of("numbers", "12"));
	}

}
