package dev.fanout.history;

import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.BatchStatus;

/**
 * Which executions to list; {@code null} matches anything.
 *
 * @param from executions that started at or after this time (or were created then, if they never started)
 * @param to executions that started before this time
 */
public record ExecutionFilter(@Nullable String job, @Nullable BatchStatus status, @Nullable LocalDateTime from,
		@Nullable LocalDateTime to) {

	/**
	 * The filter of the CLI's {@code history} and the dashboard's list: a job, or {@code null} for all, and a batch
	 * status name (any case), or {@code null} for any; empty when the name is no status, which matches nothing.
	 */
	public static Optional<ExecutionFilter> of(@Nullable String job, @Nullable String status) {
		if (status == null) {
			return Optional.of(new ExecutionFilter(job, null, null, null));
		}
		try {
			return Optional.of(new ExecutionFilter(job, BatchStatus.valueOf(status.trim().toUpperCase(Locale.ROOT)),
					null, null));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
