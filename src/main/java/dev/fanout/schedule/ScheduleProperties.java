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

}
