package dev.fanout.schedule;

import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The read side of schedules, for the {@code schedules} command and the dashboard: each schedule with its next fire
 * times and its last run. Works in every mode (it reads the configuration and the repository; it fires nothing).
 */
@Component
public class Schedules {

	private final ScheduleCatalog catalog;

	private final ScheduleRuns runs;

	private final Clock clock;

	public Schedules(ScheduleCatalog catalog, ScheduleRuns runs, ObjectProvider<Clock> clock) {
		this.catalog = catalog;
		this.runs = runs;
		this.clock = clock.getIfAvailable(Clock::systemDefaultZone);
	}

	/**
	 * Every configured schedule, in configuration order, with its next {@code count} fire times from now and its last
	 * run.
	 * @throws InvalidSchedulesException when the configuration has problems (the message names each)
	 */
	public List<ScheduleOverview> overview(int count) {
		List<Schedule> schedules = this.catalog.schedules();
		Map<String, LastRun> lastRuns = this.runs.lastRuns(schedules);
		Instant now = this.clock.instant();
		return schedules.stream()
			.map((s) -> new ScheduleOverview(s.name(), s.job(), s.cron(), s.zone().getId(), s.misfire().text(),
					new TreeMap<>(s.parameters()),
					s.nextFireTimes(now, count).stream().map(ZonedDateTime::toOffsetDateTime).toList(),
					lastRuns.get(s.name())))
			.toList();
	}

	/** The checked schedules. @throws InvalidSchedulesException when the configuration has problems */
	public List<Schedule> schedules() {
		return this.catalog.schedules();
	}

}
