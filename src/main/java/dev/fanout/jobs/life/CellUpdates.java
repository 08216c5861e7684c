package dev.fanout.jobs.life;

import org.springframework.beans.factory.ObjectProvider;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * {@code fanout.life.cell.updates}: cells computed by the band workers (a band's rows × the grid's width × the
 * generations it advanced), counted as each band finishes; Prometheus's {@code rate()} gives cell updates per second,
 * the figure of the life benchmark. Without a meter registry it records nothing.
 */
class CellUpdates {

	private final ObjectProvider<MeterRegistry> registry;

	CellUpdates(ObjectProvider<MeterRegistry> registry) {
		this.registry = registry;
	}

	void add(long cells) {
		MeterRegistry meters = this.registry.getIfAvailable();
		if (meters != null) {
			Counter.builder("fanout.life.cell.updates")
				.description("Cells computed by life's band workers")
				.register(meters)
				.increment(cells);
		}
	}

}
