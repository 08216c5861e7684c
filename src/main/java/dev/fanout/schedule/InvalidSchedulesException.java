package dev.fanout.schedule;

import java.util.List;

/** The configured schedules have problems; the message names where they were given, each one and what to fix. */
public class InvalidSchedulesException extends RuntimeException {

	/**
	 * @param where where {@code fanout.schedules} was given ({@code  in /srv/config/application.yml},
	 * {@code  on the command line}...), empty when that is not known
	 */
	InvalidSchedulesException(List<String> problems, String where) {
		super("%d problem%s in fanout.schedules%s: %s".formatted(problems.size(), (problems.size() == 1) ? "" : "s",
				where, String.join("; ", problems)));
	}

}
