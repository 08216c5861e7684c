package dev.fanout.schedule;

import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One entry of {@code fanout.schedules}, as written. Every field binds as text, so that a mistake cannot stop the
 * application from starting: {@link ScheduleCatalog} checks them and reports every problem in one message, where it
 * matters ({@code serve} and the {@code schedules} command).
 *
 * @param name unique name; part of each firing's identity ({@code run.id=<name>@<time>})
 * @param job the job to launch
 * @param cron Spring's six-field cron expression: second minute hour day-of-month month day-of-week
 * @param parameters the job parameters ({@code name: value}); missing ones take the job's defaults
 * @param misfire {@code skip} (default) or {@code run-once}
 * @param zone the time zone the cron expression is read in (default: the system zone)
 */
public record ScheduleProperties(@Nullable String name, @Nullable String job, @Nullable String cron,
		@Nullable Map<String, String> parameters, @Nullable String misfire, @Nullable String zone) {

	/** What {@code fanout.schedules} takes, for a setting given one value instead: the shape and an example. */
	public static final String LIST = "a list of schedules, each with a name, a job and a cron expression (and "
			+ "optionally parameters, misfire, zone), e.g. in YAML 'schedules: [{name: nightly, job: factorize, cron: "
			+ "\"0 0 2 * * *\"}]' under 'fanout:', or --fanout.schedules[0].name=nightly "
			+ "--fanout.schedules[0].job=factorize ... on the command line (docs: operations.md, Schedules)";

	/** What one entry of {@code fanout.schedules} takes, for one given one value instead. */
	public static final String ENTRY = "a schedule: name, job and cron (and optionally parameters, misfire, zone) "
			+ "under it, e.g. in YAML '- {name: nightly, job: factorize, cron: \"0 0 2 * * *\"}' (docs: operations.md, "
			+ "Schedules)";

}
