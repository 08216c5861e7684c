package dev.fanout.metrics;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.atomic.AtomicInteger;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;

/**
 * Fanout's own meters of running jobs: {@code fanout.items} (items handed to the writers of chunk steps, by job and
 * step: Prometheus turns it into items per second with {@code rate()}) and {@code fanout.partitions.active}
 * (partitions running now, by job).
 * <p>
 * Thread safety: partitions start and end on worker threads; the counts are atomics in a concurrent map, the
 * counters (thread-safe themselves) are in another, and the set of counted step executions is concurrent. The
 * registry is resolved when first needed (jobs and steps are created before it); without one (no metrics) nothing is
 * recorded.
 */
final class JobMeters {

	private final ObjectProvider<MeterRegistry> registry;

	private final ConcurrentMap<String, AtomicInteger> activePartitions = new ConcurrentHashMap<>();

	/** The item counters by job and step, registered once: looking a counter up cost ~0.3 ms per chunk. */
	private final ConcurrentMap<List<String>, Counter> items = new ConcurrentHashMap<>();

	/** Step executions counted as active, so that an end is never counted without its start. */
	private final Set<Long> counted = ConcurrentHashMap.newKeySet();

	JobMeters(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	void itemsWritten(String job, String step, long items) {
		if (items <= 0) {
			return;
		}
		Counter counter = this.items.computeIfAbsent(List.of(job, step), (key) -> {
			MeterRegistry meters = this.registry.getIfAvailable();
			return (meters != null) ? Counter.builder("fanout.items")
				.description("Items written by steps: a chunk step's per chunk, a tasklet step's when it ends")
				.tag("job", job)
				.tag("step", step)
				.register(meters) : null;
		});
		if (counter != null) {
			counter.increment(items);
		}
	}

	void partitionStarted(String job, long stepExecutionId) {
		if (this.counted.add(stepExecutionId)) {
			active(job).incrementAndGet();
		}
	}

	void partitionEnded(String job, long stepExecutionId) {
		if (this.counted.remove(stepExecutionId)) {
			active(job).decrementAndGet();
		}
	}

	private AtomicInteger active(String job) {
		return this.activePartitions.computeIfAbsent(job, (name) -> {
			AtomicInteger count = new AtomicInteger();
			MeterRegistry meters = this.registry.getIfAvailable();
			if (meters != null) {
				Gauge.builder("fanout.partitions.active", count, AtomicInteger::get)
					.description("Partitions of partitioned steps running now")
					.tag("job", name)
					.register(meters);
			}
			return count;
		});
	}

}
