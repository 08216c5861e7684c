package dev.fanout.history;

import java.time.LocalDateTime;

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

}
