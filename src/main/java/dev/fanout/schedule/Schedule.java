package dev.fanout.schedule;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.scheduling.support.CronExpression;

import dev.fanout.batch.JobDescription;

/**
 * A checked schedule: when it fires, and the job and parameters each firing launches. A firing is identified by its
 * scheduled time: its instance has {@code run.id=<name>@<scheduled time, ISO-8601 UTC>}, so every server sharing the
 * repository computes the same identity for it.
 *
 * @param cron the cron expression as written
 * @param parameters the parameters as written
 * @param launchParameters the parameters each firing launches with: the written ones plus the job's defaults
 */
public record Schedule(String name, String job, String cron, CronExpression expression, ZoneId zone, Misfire misfire,
		Map<String, String> parameters, Map<String, String> launchParameters) {

	/** Separates the schedule's name from the scheduled time in a firing's {@code run.id}. */
	public static final char SEPARATOR = '@';

	/** The {@code run.id} of the firing at {@code scheduledTime}, e.g. {@code nightly@2026-11-20T02:00:00Z}. */
	public String runId(Instant scheduledTime) {
		return this.name + SEPARATOR + DateTimeFormatter.ISO_INSTANT.format(scheduledTime.truncatedTo(ChronoUnit.SECONDS));
	}

	/** The scheduled time in a {@code run.id} of this schedule, or {@code null} if it is not one of its firings. */
	public @Nullable Instant scheduledTime(@Nullable String runId) {
		if (runId == null || !runId.startsWith(this.name + SEPARATOR)) {
			return null;
		}
		try {
			return Instant.parse(runId.substring(this.name.length() + 1));
		}
		catch (DateTimeParseException ex) {
			return null;
		}
	}

	/** The job parameters of the firing at {@code scheduledTime}: the launch parameters plus its {@code run.id}. */
	public JobParameters jobParameters(Instant scheduledTime) {
		JobParametersBuilder builder = new JobParametersBuilder();
		this.launchParameters.forEach((name, value) -> builder.addString(name, value, true));
		return builder.addString(JobDescription.RUN_ID, runId(scheduledTime), true).toJobParameters();
	}

	/** The first firing strictly after {@code after}, or {@code null} if the expression never fires again. */
	public @Nullable Instant next(Instant after) {
		ZonedDateTime next = this.expression.next(after.atZone(this.zone));
		return (next != null) ? next.toInstant() : null;
	}

	/** The next {@code count} firings after {@code after}, in the schedule's zone. */
	public List<ZonedDateTime> nextFireTimes(Instant after, int count) {
		List<ZonedDateTime> times = new ArrayList<>(count);
		for (Instant t = next(after); t != null && times.size() < count; t = next(t)) {
			times.add(t.atZone(this.zone));
		}
		return times;
	}

	/**
	 * The last firing in {@code (after, until]}, or {@code null}. Cron expressions cannot be run backwards: this looks
	 * forward from ever earlier starts (1 s, 2 s, 4 s... before {@code until}), so it stays quick even when
	 * {@code after} lies months back and the schedule fires every second.
	 */
	public @Nullable Instant latestIn(Instant after, Instant until) {
		for (Duration window = Duration.ofSeconds(1);; window = window.multipliedBy(2)) {
			Instant start = until.minus(window).isAfter(after) ? until.minus(window) : after;
			Instant first = next(start);
			if (first != null && !first.isAfter(until)) {
				Instant latest = first;
				for (Instant t = next(first); t != null && !t.isAfter(until); t = next(t)) {
					latest = t;
				}
				return latest;
			}
			if (start.equals(after)) {
				return null;
			}
		}
	}

	/** How many firings lie in {@code (after, until]}, counting at most {@code limit}. */
	public int countIn(Instant after, Instant until, int limit) {
		int count = 0;
		for (Instant t = next(after); t != null && !t.isAfter(until) && count < limit; t = next(t)) {
			count++;
		}
		return count;
	}

}
