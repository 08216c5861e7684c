package dev.fanout.web.dashboard;

import dev.fanout.batch.Progress;

/**
 * An execution's {@link Progress} as its progress bar shows it, and as the executions list's live update fetches it
 * ({@code /executions/progress}): the counts come from the one model the CLI's live line uses too.
 *
 * @param total units to do, 0 while unknown
 */
public record ProgressView(long id, String status, boolean running, int percent, String text, long done, long total,
		String unit) {

	static ProgressView of(Progress progress) {
		return new ProgressView(progress.executionId(), progress.status(), progress.running(), progress.percent(),
				progress.text(), progress.done(), progress.total(), progress.unit());
	}

}
