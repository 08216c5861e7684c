package dev.fanout.launch;

import java.lang.reflect.Proxy;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.dao.OptimisticLockingFailureException;

import dev.fanout.UniqueJobParameters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one stop that every path uses (API, CLI, signal, the scheduler at shutdown) survives losing the race with the
 * job's own write of its execution: the repository's {@code UPDATE} then fails with an optimistic locking failure
 * (the version moved between its check and its write), which cannot be timed from a test, so the repository here
 * fails the first writes as the JDBC one does. Like the JDBC one, it gives a new object on each read.
 */
class ExecutionStopperTests {

	/** The statuses written, by execution id. */
	private final Map<Long, BatchStatus> stored = new ConcurrentHashMap<>();

	private final JobInstance instance = new JobInstance(1L, "factorize");

	/** Writes of a job execution still to fail, as if the job had written it just before each. */
	private final AtomicInteger racesLeft = new AtomicInteger();

	private final AtomicInteger writes = new AtomicInteger();

	private final ExecutionStopper stopper = new ExecutionStopper(racing(), List.of());

	@Test
	void stopWritesStoppingAfterLosingTheRaceWithTheJobsOwnWrite() throws Exception {
		JobExecution running = running();
		this.racesLeft.set(2);

		this.stopper.stop(running);

		assertThat(this.stored.get(running.getId())).isEqualTo(BatchStatus.STOPPING);
		assertThat(this.writes).hasValue(3);
	}

	@Test
	void stopGivesUpAfterItsAttemptsWithTheRepositorysFailure() {
		JobExecution running = running();
		this.racesLeft.set(Integer.MAX_VALUE);

		assertThatExceptionOfType(OptimisticLockingFailureException.class).isThrownBy(() -> this.stopper.stop(running));
		assertThat(this.writes).hasValue(ExecutionStopper.ATTEMPTS);
		assertThat(this.stored.get(running.getId())).isEqualTo(BatchStatus.STARTED);
	}

	@Test
	void aSweepSaysToAskAgainWhileTheRepositoryFailsThenStopsIt() {
		JobExecution running = running();
		this.racesLeft.set(Integer.MAX_VALUE);
		assertThat(this.stopper.askToStop(running.getId(), (execution) -> true, "test")).as("ask again").isFalse();

		this.racesLeft.set(1);
		assertThat(this.stopper.askToStop(running.getId(), (execution) -> true, "test")).isTrue();
		assertThat(this.stored.get(running.getId())).isEqualTo(BatchStatus.STOPPING);
	}

	@Test
	void aSweepLeavesAnExecutionItIsNotToStopAndNeedsNotAskAgain() {
		JobExecution running = running();

		assertThat(this.stopper.askToStop(running.getId(), (execution) -> false, "test")).isTrue();
		assertThat(this.stored.get(running.getId())).isEqualTo(BatchStatus.STARTED);
		assertThat(this.writes).hasValue(0);
	}

	private JobExecution running() {
		long id = this.stored.size() + 1;
		this.stored.put(id, BatchStatus.STARTED);
		return read(id);
	}

	private JobExecution read(long id) {
		JobExecution execution = new JobExecution(id, this.instance, UniqueJobParameters.of("numbers", "12"));
		execution.setStatus(this.stored.get(id));
		return execution;
	}

	/** Reads and writes of job executions, whose writes fail while {@link #racesLeft} is positive. */
	private JobRepository racing() {
		return (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JobRepository.class },
				(proxy, method, args) -> switch (method.getName()) {
					case "getJobExecution" -> this.stored.containsKey((Long) args[0]) ? read((Long) args[0]) : null;
					case "update" -> {
						JobExecution execution = (JobExecution) args[0];
						this.writes.incrementAndGet();
						if (this.racesLeft.getAndDecrement() > 0) {
							throw new OptimisticLockingFailureException(("Attempt to update job execution id=%d with "
									+ "wrong version (1), where current version is 2").formatted(execution.getId()));
						}
						this.stored.put(execution.getId(), execution.getStatus());
						yield null;
					}
					default -> throw new UnsupportedOperationException(method.getName());
				});
	}

}
