package dev.fanout.metrics;

import java.util.Set;

import io.micrometer.common.KeyValue;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationFilter;

/**
 * Gives a failed item read or process its {@code status} tag. Spring Batch 6.0.4's {@code ChunkOrientedStep} tags
 * these observations {@code SUCCESS}, or {@code FAILURE} when a fault-tolerant step skips the item; in any other step
 * (all of Fanout's) it rethrows the error before tagging it, so the observation ends without a status. Prometheus
 * needs every meter of a name to have the same tag keys: the timer of that failed read was refused (a WARN from
 * {@code PrometheusMeterRegistry}) and {@code /actuator/prometheus} showed no failed reads at all, or, when a failure
 * came first, no successful ones. Each observation that ended without a status ended with an error, since the
 * successful path always sets one.
 */
final class FailedItemObservations implements ObservationFilter {

	private static final Set<String> ITEM_OBSERVATIONS = Set.of("spring.batch.item.read", "spring.batch.item.process");

	@Override
	public Observation.Context map(Observation.Context context) {
		String name = context.getName();
		if (name != null && ITEM_OBSERVATIONS.contains(name)) {
			String status = name + ".status";
			if (context.getLowCardinalityKeyValue(status) == null) {
				context.addLowCardinalityKeyValue(KeyValue.of(status, "FAILURE"));
			}
		}
		return context;
	}

}
