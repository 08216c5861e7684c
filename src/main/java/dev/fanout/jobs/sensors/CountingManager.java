package dev.fanout.jobs.sensors;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.jobs.sensors.counting.ReadingCounter;
import dev.fanout.jobs.sensors.counting.SharedCounters;

/**
 * Runs around the manager (partitioned) step: before any worker starts it opens the shared counter of this execution,
 * seeded with the readings the instance's partitions have already committed (zero on a first run, their saved counts
 * on a restart); when the workers have ended it records the fan-in in the manager's context: {@value #FOUND}, what
 * the counter says, and {@value #COMMITTED}, the readings the partitions committed, summed from the repository.
 */
class CountingManager implements StepExecutionListener {

	private static final Logger logger = LoggerFactory.getLogger(CountingManager.class);

	static final String FOUND = "sensors.found";

	static final String COMMITTED = "sensors.committed";

	private final SharedCounters counters;

	private final JobRepository jobRepository;

	private final ExecutionParameters parameters;

	CountingManager(SharedCounters counters, JobRepository jobRepository, ExecutionParameters parameters) {
		this.counters = counters;
		this.jobRepository = jobRepository;
		this.parameters = parameters;
	}

	@Override
	public void beforeStep(StepExecution manager) {
		SensorsParameters parameters = this.parameters.of(manager, SensorsParameters.class);
		if (parameters.counter().shared()) {
			long committed = committed(manager, parameters.sensors());
			this.counters.open(manager.getJobExecutionId(), parameters.counter(), committed);
			logger.info("Shared counter={} of execution {} starts at {} committed readings", parameters.counter(),
					manager.getJobExecutionId(), committed);
		}
	}

	@Override
	public @Nullable ExitStatus afterStep(StepExecution manager) {
		SensorsParameters parameters = this.parameters.of(manager, SensorsParameters.class);
		// Always closed, so a failed or stopped run leaves nothing behind; its restart seeds a new one.
		ReadingCounter shared = this.counters.close(manager.getJobExecutionId());
		if (manager.getStatus() == BatchStatus.COMPLETED) {
			long committed = committed(manager, parameters.sensors());
			manager.getExecutionContext().putLong(COMMITTED, committed);
			manager.getExecutionContext().putLong(FOUND, (shared != null) ? shared.count() : committed);
		}
		return null;
	}

	/** The readings every partition of this instance has committed, completed or not, in any execution. */
	private long committed(StepExecution manager, int sensors) {
		long total = 0;
		for (int sensor = 0; sensor < sensors; sensor++) {
			StepExecution last = this.jobRepository.getLastStepExecution(manager.getJobExecution().getJobInstance(),
					SensorsJobConfiguration.WORKER_STEP + ":" + SensorsPartitioner.name(sensor));
			if (last != null) {
				total += last.getExecutionContext().getLong(CountingWriter.COUNTED, 0L);
			}
		}
		return total;
	}

}
