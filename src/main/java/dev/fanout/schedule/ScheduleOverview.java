package dev.fanout.schedule;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * One schedule as the {@code schedules} command and the dashboard show it.
 *
 * @param cron the six-field cron expression, read in {@code zone}
 * @param misfire {@code skip} or {@code run-once}
 * @param parameters the parameters as configured (each firing adds the job's defaults and its {@code run.id})
 * @param nextFireTimes the next firings, in the schedule's zone
 * @param lastRun the most recent firing found in the repository, or {@code null} if it never ran
 */
public record ScheduleOverview(String name, String job, String cron, String zone, String misfire,
		Map<String, String> parameters, List<OffsetDateTime> nextFireTimes, @Nullable LastRun lastRun) {

}
