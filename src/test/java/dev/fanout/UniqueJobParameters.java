package dev.fanout;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

/** Job parameters for a new instance in tests: the given ones plus a {@code run.id} no other launch in this JVM has. */
public final class UniqueJobParameters {

	private static final AtomicInteger runIds = new AtomicInteger();

	private UniqueJobParameters() {
	}

	/** {@code of("threads", "2", "algorithm", "fast")}: names and values, alternating. */
	public static JobParameters of(String... namesAndValues) {
		JobParametersBuilder builder = new JobParametersBuilder();
		for (int i = 0; i < namesAndValues.length; i += 2) {
			builder.addString(namesAndValues[i], namesAndValues[i + 1]);
		}
		return builder.addString("run.id", Integer.toString(runIds.incrementAndGet())).toJobParameters();
	}

}
