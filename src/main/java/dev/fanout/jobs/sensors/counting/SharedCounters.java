package dev.fanout.jobs.sensors.counting;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

/**
 * The in-JVM counters of running {@code sensors} executions, by job execution id: the manager step opens one before
 * its workers start and closes it when they have all ended; the workers' writers look it up. This is the
 * deliberately in-memory channel of the shared-counter modes, and the reason they cannot work across JVMs.
 */
public class SharedCounters {

	/** The map is guarded by ConcurrentHashMap; each counter guards itself as its mode says. */
	private final Map<Long, ReadingCounter> counters = new ConcurrentHashMap<>();

	/** A new counter for an execution, starting at the readings its instance has already committed. */
	public ReadingCounter open(long jobExecutionId, CounterMode mode, long committed) {
		ReadingCounter counter = mode.newCounter(committed);
		if (this.counters.putIfAbsent(jobExecutionId, counter) != null) {
			throw new IllegalStateException("job execution %d already has a counter".formatted(jobExecutionId));
		}
		return counter;
	}

	public ReadingCounter get(long jobExecutionId, CounterMode mode) {
		ReadingCounter counter = this.counters.get(jobExecutionId);
		if (counter == null) {
			throw new IllegalStateException(("counter=%s keeps its count in the manager's JVM and execution %d has no "
					+ "counter here; run the workers in the manager's JVM, or use counter=partitioned")
				.formatted(mode, jobExecutionId));
		}
		return counter;
	}

	/** Removes an execution's counter; {@code null} if it had none. */
	public @Nullable ReadingCounter close(long jobExecutionId) {
		return this.counters.remove(jobExecutionId);
	}

}
