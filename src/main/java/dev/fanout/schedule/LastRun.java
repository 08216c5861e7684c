package dev.fanout.schedule;

import java.time.Instant;
import java.time.LocalDateTime;

import org.jspecify.annotations.Nullable;

/**
 * A schedule's most recent firing found in the repository: the last execution of its newest instance.
 *
 * @param scheduledTime the firing's scheduled time, from its {@code run.id}
 * @param startTime when the execution started (the repository's local time), or {@code null} before it starts
 */
public record LastRun(long executionId, String status, @Nullable LocalDateTime startTime, Instant scheduledTime) {

}
