package dev.fanout.metrics;

import java.util.List;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Tags Spring Batch's step and item meters with the step's name, not the partition's. Spring Batch names a
 * partition's step execution {@code step:partition} ({@code factorizeWorker:partition3}, {@code sensorsWorker:sensor7},
 * {@code lifeBand:gen000000412-band1}) and tags its timers with that name, so each partition made meters of its own
 * that a server keeps until it stops: up to 256 per factorize run, 1024 per sensors run, and for life one per band and
 * checkpoint round, without bound over a long run ({@code generations=100000 checkpoint=1}). The partitions of a step
 * now add to their step's series, as they do to {@code fanout_items_total}; the dashboard and the repository keep
 * each partition's times.
 */
final class PartitionStepNames implements MeterFilter {

	/** Spring Batch's key and Micrometer's separator of a partition's step name (SimpleStepExecutionSplitter). */
	private static final char PARTITION = ':';

	@Override
	public Meter.Id map(Meter.Id id) {
		if (!id.getName().startsWith("spring.batch.")) {
			return id;
		}
		List<Tag> tags = id.getTags();
		boolean partition = false;
		for (Tag tag : tags) {
			partition |= stepName(tag) && tag.getValue().indexOf(PARTITION) > 0;
		}
		if (!partition) {
			return id;
		}
		return id.replaceTags(tags.stream()
			.map((tag) -> (stepName(tag) && tag.getValue().indexOf(PARTITION) > 0)
					? Tag.of(tag.getKey(), tag.getValue().substring(0, tag.getValue().indexOf(PARTITION))) : tag)
			.toList());
	}

	/** {@code spring.batch.step.name}, {@code spring.batch.item.read.step.name}, {@code ...chunk.write.step.name}. */
	private static boolean stepName(Tag tag) {
		return tag.getKey().endsWith(".step.name");
	}

}
