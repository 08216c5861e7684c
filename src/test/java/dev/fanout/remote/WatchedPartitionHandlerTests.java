package dev.fanout.remote;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.integration.partition.StepExecutionRequest;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The manager's watch over its remote partitions, one check at a time on the test's thread, against a real job
 * repository on PostgreSQL: what it does with partitions that no worker runs any more.
 */
class WatchedPartitionHandlerTests {

	private static final String STEP = "remoteTestWorker";

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private RemoteTestRepository repository;

	private Workers workers;

	/** The requests the handler sent again. */
	private final List<Long> resent = new CopyOnWriteArrayList<>();

	@BeforeEach
	void createRepository() throws Exception {
		this.repository = new RemoteTestRepository();
		this.workers = this.repository.workers(TIMEOUT);
	}

	@AfterEach
	void dropRepository() throws Exception {
		this.repository.close();
	}

	@Test
	void aPartitionItsLiveWorkerNoLongerRunsIsHandedOnOnceItsClaimIsNoLongerRefreshed() {
		this.workers.register(1); // this JVM: a live worker, whose heartbeat is fresh
		JobExecution job = this.repository.runningExecution("remoteTestJob");
		StepExecution partition = this.repository.partition(job, STEP + ":p0");
		assertThat(this.workers.claim(partition.getId(), job.getId())).isTrue();
		partition.setStatus(BatchStatus.STARTED); // its step started; its end was never recorded
		this.repository.jobRepository.update(partition);
		WatchedPartitionHandler handler = handler();

		handler.replaceDeadWorkers(job.getId());
		assertThat(this.resent).as("a claim refreshed within the timeout").isEmpty();

		this.repository.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = BEAT - interval '1 minute'");
		handler.replaceDeadWorkers(job.getId());

		assertThat(this.repository.status(partition.getId())).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(partition.getId())).isEqualTo(Workers.HANDED_ON);
		assertThat(this.resent).containsExactly(partition.getId());
	}

	private WatchedPartitionHandler handler() {
		RemoteProperties properties = new RemoteProperties("fanout.test.partitions", Duration.ofMillis(20),
				Duration.ofSeconds(60), Duration.ofSeconds(2), TIMEOUT, 2);
		return new WatchedPartitionHandler((splitter, manager) -> List.of(), STEP, this.workers,
				this.repository.jobRepository, properties, this::resend);
	}

	private void resend(StepExecutionRequest request) {
		assertThat(request.getStepName()).isEqualTo(STEP);
		this.resent.add(request.getStepExecutionId());
	}

}
