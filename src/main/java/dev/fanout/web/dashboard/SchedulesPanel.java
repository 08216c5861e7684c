package dev.fanout.web.dashboard;

import java.util.List;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import dev.fanout.schedule.InvalidSchedulesException;
import dev.fanout.schedule.ScheduleOverview;
import dev.fanout.schedule.Schedules;

/** The schedules panel of the executions page: each schedule's next fire times and last run, or why there are none. */
@Component
class SchedulesPanel {

	private static final Logger logger = LoggerFactory.getLogger(SchedulesPanel.class);

	static final int FIRE_TIMES = 3;

	private final Schedules schedules;

	SchedulesPanel(Schedules schedules) {
		this.schedules = schedules;
	}

	/** @param problem the configuration's problems, when it has any (the panel shows them instead) */
	public record Panel(List<ScheduleOverview> schedules, @Nullable String problem) {

	}

	Panel overview() {
		try {
			return new Panel(this.schedules.overview(FIRE_TIMES), null);
		}
		catch (InvalidSchedulesException ex) {
			logger.warn("Schedules panel: {}", ex.getMessage());
			return new Panel(List.of(), ex.getMessage());
		}
	}

}
