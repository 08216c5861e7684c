package dev.fanout.web;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fanout.batch.JobDescription;
import dev.fanout.core.CommandFailure;
import dev.fanout.history.ExecutionDetail;
import dev.fanout.history.ExecutionFilter;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.ExecutionPage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/** {@code /api/executions}: the read side, in the shapes {@code history --json} and {@code show --json} print. */
@RestController
@RequestMapping("/api/executions")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "executions")
class ExecutionsApi {

	static final int MAX_PAGE_SIZE = 200;

	private static final int FIRST_YEAR = 1970;

	private static final int LAST_YEAR = 9999;

	private final ExecutionHistory history;

	/** The jobs of this application, by name. */
	private final List<String> jobs;

	ExecutionsApi(ExecutionHistory history, List<JobDescription<?>> jobs) {
		this.history = history;
		this.jobs = jobs.stream().map(JobDescription::jobName).sorted().distinct().toList();
	}

	@GetMapping
	@Operation(summary = "Executions, newest first, filtered and paged; total counts every page")
	ExecutionPage executions(@Parameter(description = "only this job's executions") @RequestParam(required = false) String job,
			@Parameter(description = "only executions in this batch status, e.g. FAILED") @RequestParam(required = false) String status,
			@Parameter(description = "started at or after: ISO date or date-time, e.g. 2026-11-22 or 2026-11-22T08:00") @RequestParam(required = false) String from,
			@Parameter(description = "started before: ISO date (that whole day included) or date-time") @RequestParam(required = false) String to,
			@RequestParam(defaultValue = "0") int page, @RequestParam(defaultValue = "20") int size) {
		if (page < 0) {
			throw CommandFailure.usage("page=%d must be 0 or more".formatted(page));
		}
		if (size < 1 || size > MAX_PAGE_SIZE) {
			throw CommandFailure.usage("size=%d must be from 1 to %d".formatted(size, MAX_PAGE_SIZE));
		}
		String jobName = blankToNull(job);
		checkJob(jobName);
		ExecutionFilter filter = new ExecutionFilter(jobName, status(status), time("from", from, false),
				time("to", to, true));
		return this.history.page(filter, page, size);
	}

	@GetMapping("/{id}")
	@Operation(summary = "One execution with its steps and partitions, outputs and summary, and whether it is orphaned")
	ExecutionDetail execution(@PathVariable long id) {
		return this.history.detail(id);
	}

	/**
	 * Refuses a name that is neither a job of this application nor one that the repository has executions of (a job
	 * of another version, say), as {@code history} does: a mistyped name is not an empty page.
	 */
	private void checkJob(@Nullable String job) {
		if (job == null || this.jobs.contains(job) || this.history.jobNames().contains(job)) {
			return;
		}
		throw CommandFailure.usage("unknown job '%s'; jobs: %s (GET /api/jobs describes them)"
			.formatted(MistypedValues.shown(job), String.join(", ", this.jobs)));
	}

	private static @Nullable BatchStatus status(@Nullable String status) {
		if (status == null || status.isBlank()) {
			return null;
		}
		try {
			return BatchStatus.valueOf(status.trim().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw CommandFailure.usage("status=%s is not a batch status; use one of %s"
				.formatted(MistypedValues.shown(status), Arrays.toString(BatchStatus.values())));
		}
	}

	/**
	 * A date-time, or a date: its start, or for an upper bound the start of the next day. Years 1970 to 9999 only: no
	 * execution started outside them, and beyond them the next day or the database's timestamp may not exist.
	 */
	private static @Nullable LocalDateTime time(String name, @Nullable String value, boolean upper) {
		if (value == null || value.isBlank()) {
			return null;
		}
		String text = value.trim();
		try {
			LocalDateTime time = text.contains("T") ? LocalDateTime.parse(text) : LocalDate.parse(text).atStartOfDay();
			if (time.getYear() >= FIRST_YEAR && time.getYear() <= LAST_YEAR) {
				return (upper && !text.contains("T")) ? time.plusDays(1) : time;
			}
		}
		catch (DateTimeException ex) {
			// not ISO, or no such date: refused below
		}
		throw CommandFailure.usage("%s=%s is not an ISO date (2026-11-22) or date-time (2026-11-22T08:30) from year %d to %d"
			.formatted(name, MistypedValues.shown(value), FIRST_YEAR, LAST_YEAR));
	}

	private static @Nullable String blankToNull(@Nullable String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

}
