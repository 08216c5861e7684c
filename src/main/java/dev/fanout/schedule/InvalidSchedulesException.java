package dev.fanout.schedule;

import java.util.List;

/** The configured schedules have problems; the message names each one and what to fix. */
public class InvalidSchedulesException extends RuntimeException {

	InvalidSchedulesException(List<String> problems) {
		super("%d problem%s in fanout.schedules (config/application.yml): %s".formatted(problems.size(),
				(problems.size() == 1) ? "" : "s", String.join("; ", problems)));
	}

}
