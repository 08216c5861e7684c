package dev.fanout.jobs.sensors;

import java.util.Arrays;
import java.util.List;

import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.ProgressMeasure;
import dev.fanout.core.DurationText;

/** The {@code sensors} job's parameters, as {@code jobs} lists them. */
class SensorsJobDescription implements JobDescription {

	@Override
	public String jobName() {
		return SensorsJobConfiguration.JOB;
	}

	@Override
	public String summary() {
		return "Sensor workers doing blocking reads and counting them in one shared counter (the book's items 53, 54)";
	}

	/** Readings committed by the sensors' partitions, out of sensors times readings. */
	@Override
	public ProgressMeasure progress() {
		return ProgressMeasure.items("readings", SensorsJobConfiguration.WORKER_STEP, (attempts) -> {
			SensorsParameters parameters = SensorsParameters.from(attempts.parameters());
			return parameters.sensors() * parameters.readings();
		});
	}

	@Override
	public List<JobParameterDescription> parameters() {
		return List.of(
				new JobParameterDescription("sensors", SensorsParameters.DEFAULT_SENSORS,
						"sensors, each read by its own worker thread and partition, 1-" + SensorsParameters.MAX_SENSORS),
				new JobParameterDescription("readings", SensorsParameters.DEFAULT_READINGS,
						"readings per sensor, 1-" + SensorsParameters.MAX_READINGS),
				new JobParameterDescription("readLatency", SensorsParameters.DEFAULT_READ_LATENCY,
						"simulated blocking read per reading: 0, or a duration like 100ms or 1s, at most "
								+ DurationText.format(SensorsParameters.MAX_READ_LATENCY)),
				new JobParameterDescription("counter", SensorsParameters.DEFAULT_COUNTER,
						"partitioned (each partition counts, the manager sums; works across JVMs), locked, atomic or "
								+ "adder (one in-JVM counter), unsafe (unguarded: loses updates)")
					.withChoices(Arrays.stream(CounterMode.values()).map(CounterMode::toString).toArray(String[]::new)));
	}

	/** Only {@code counter=partitioned} keeps its counts in the repository; the other counters live in one JVM. */
	@Override
	public boolean runsOnWorkers() {
		return true;
	}

	@Override
	public void checkRemote(JobParameters parameters) {
		CounterMode counter = SensorsParameters.from(parameters).counter();
		if (counter.shared()) {
			throw new IllegalArgumentException(("counter=%s keeps its count in one JVM and cannot run on remote "
					+ "workers (fanout.workers=remote); use counter=partitioned, or run it without remote workers")
				.formatted(counter));
		}
	}

}
