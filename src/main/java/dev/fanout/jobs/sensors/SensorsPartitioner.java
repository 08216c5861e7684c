package dev.fanout.jobs.sensors;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.infrastructure.item.ExecutionContext;

/**
 * One partition per sensor, named {@code sensorN}; its context holds only the sensor number. Repeatable, so a
 * restart finds the same partition names (and reuses their saved contexts).
 */
class SensorsPartitioner implements Partitioner {

	static final String SENSOR = "sensor";

	private final int sensors;

	SensorsPartitioner(int sensors) {
		this.sensors = sensors;
	}

	@Override
	public Map<String, ExecutionContext> partition(int gridSize) {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int sensor = 0; sensor < this.sensors; sensor++) {
			ExecutionContext context = new ExecutionContext();
			context.putInt(SENSOR, sensor);
			partitions.put(name(sensor), context);
		}
		return partitions;
	}

	static String name(int sensor) {
		return SENSOR + sensor;
	}

}
