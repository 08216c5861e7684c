package dev.fanout.recovery;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One row of {@code FANOUT_EXECUTION_OWNER}: the process that claimed a job instance to run it.
 *
 * @param executionId the execution it runs, or {@code null} while it is still creating it
 * @param heartbeatAge how long ago the owner last refreshed its heartbeat, by the database's clock
 */
public record OwnerRecord(String jobName, String jobKey, @Nullable Long executionId, ProcessIdentity process,
		Instant claimed, Instant heartbeat, Duration heartbeatAge) {

}
