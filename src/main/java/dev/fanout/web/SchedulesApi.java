package dev.fanout.web;

import java.util.List;

import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.fanout.core.CommandFailure;
import dev.fanout.schedule.InvalidSchedulesException;
import dev.fanout.schedule.ScheduleOverview;
import dev.fanout.schedule.Schedules;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;

/**
 * {@code /api/schedules}: the cron schedules with their next fire times and last runs, as {@code schedules --json}
 * prints them and the dashboard's panel shows them.
 */
@RestController
@RequestMapping("/api/schedules")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@Tag(name = "schedules")
class SchedulesApi {

	/** The most fire times per schedule, as {@code schedules --count} takes. */
	static final int MAX_COUNT = 100;

	private final Schedules schedules;

	SchedulesApi(Schedules schedules) {
		this.schedules = schedules;
	}

	@GetMapping
	@Operation(summary = "The cron schedules: job, cron and zone, misfire policy, parameters, next fire times, last run")
	List<ScheduleOverview> schedules(@Parameter(description = "next fire times per schedule, 1-100")
	@RequestParam(defaultValue = "3") int count) {
		if (count < 1 || count > MAX_COUNT) {
			throw CommandFailure.usage("count=%d is not a whole number from 1 to %d".formatted(count, MAX_COUNT));
		}
		try {
			return this.schedules.overview(count);
		}
		catch (InvalidSchedulesException ex) {
			// serve refuses to start with them; a server that runs no scheduler reads them here first.
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE,
					ex.getMessage() + "; fix fanout.schedules and start the server again");
		}
	}

}
