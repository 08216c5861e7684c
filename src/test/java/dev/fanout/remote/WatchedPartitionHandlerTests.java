package dev.fanout.remote;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.AmqpConnectException;
import org.springframework.amqp.AmqpException;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.messaging.MessageHandlingException;
import org.springframework.messaging.support.GenericMessage;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * The manager's watch over its remote partitions, one check at a time on the test's thread and by the test's clock,
 * against a real job repository on PostgreSQL and a request queue the test describes: what it does with partitions
 * that no worker runs.
 */
class WatchedPartitionHandlerTests {

	private static final String STEP = "remoteTestWorker";

	private static final Duration TIMEOUT = Duration.ofSeconds(15);

	private static final Duration NO_WORKER_WAIT = Duration.ofSeconds(60);

	private RemoteTestRepository repository;

	private Workers workers;

	private JobExecution job;

	/** The watcher's clock, moved on by the test. */
	private long now;

	/** What the queue holds, as the broker would say. */
	private WatchedPartitionHandler.@Nullable QueueState queue = new WatchedPartitionHandler.QueueState(0, 1);

	/** How many of the next sends fail, as when the broker is unreachable. */
	private int failingSends;

	/** How often the watcher thread checks, in the tests that let it run. */
	private Duration heartbeat = Duration.ofSeconds(2);

	/** The requests the handler sent again. */
	private final List<Long> resent = new CopyOnWriteArrayList<>();

	@BeforeEach
	void createRepository() throws Exception {
		this.repository = new RemoteTestRepository();
		this.workers = this.repository.workers(TIMEOUT);
		this.job = this.repository.runningExecution("remoteTestJob");
	}

	@AfterEach
	void dropRepository() throws Exception {
		this.repository.close();
	}

	@Test
	void aPartitionItsLiveWorkerNoLongerRunsIsHandedOnOnceItsClaimIsNoLongerRefreshed() {
		this.workers.register(1); // this JVM: a live worker, whose heartbeat is fresh
		StepExecution partition = this.repository.partition(this.job, STEP + ":p0");
		assertThat(this.workers.claim(partition.getId(), this.job.getId())).isPresent();
		partition.setStatus(BatchStatus.STARTED); // its step started; its end was never recorded
		this.repository.jobRepository.update(partition);
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());

		watch.check();
		assertThat(this.resent).as("a claim refreshed within the timeout").isEmpty();

		this.repository.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = BEAT - interval '1 minute'");
		watch.check();

		assertThat(this.repository.status(partition.getId())).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(partition.getId())).isEqualTo(Workers.HANDED_ON);
		assertThat(this.resent).containsExactly(partition.getId());
	}

	/**
	 * A worker paused inside a write of its partition holds the claim's row lock until it goes on: the watch gives up
	 * handing the partition on after a bounded wait, instead of waiting with the worker (and leaving every other
	 * partition unwatched), and hands it on at a later check once the lock is gone.
	 */
	@Test
	void aClaimLockedByAPausedWriteIsHandedOnAtALaterCheckInsteadOfBlockingTheWatch() throws Exception {
		this.workers.register(1);
		StepExecution partition = this.repository.partition(this.job, STEP + ":p0");
		assertThat(this.workers.claim(partition.getId(), this.job.getId())).isPresent();
		partition.setStatus(BatchStatus.STARTED);
		this.repository.jobRepository.update(partition);
		this.repository.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = BEAT - interval '1 minute'");
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());
		try (Connection pausedWrite = this.repository.dataSource.getConnection()) {
			pausedWrite.setAutoCommit(false);
			try (PreparedStatement lock = pausedWrite.prepareStatement(
					"update FANOUT_PARTITION_WORKER set HOST = HOST where STEP_EXECUTION_ID = ?")) {
				lock.setLong(1, partition.getId());
				lock.executeUpdate();
			}

			assertTimeoutPreemptively(Duration.ofSeconds(60), watch::check, "the watch waited for the lock");

			assertThat(this.repository.status(partition.getId())).isEqualTo(BatchStatus.STARTED);
			assertThat(this.resent).isEmpty();
			pausedWrite.commit();
		}
		watch.check();

		assertThat(this.repository.status(partition.getId())).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(partition.getId())).isEqualTo(Workers.HANDED_ON);
		assertThat(this.resent).containsExactly(partition.getId());
	}

	/**
	 * Sending the requests failed (the broker is unreachable): the partitions nobody holds fail, naming the broker, so
	 * that the failed execution does not look orphaned and a restart runs them; one a worker took is left to it.
	 */
	@Test
	void whenTheRequestsCannotBeSentThePartitionsNoWorkerTookFailNamingTheBroker() {
		long unsent = this.repository.partition(this.job, STEP + ":p0").getId();
		long taken = this.repository.partition(this.job, STEP + ":p1").getId();
		assertThat(this.workers.claim(taken, this.job.getId())).isPresent();
		WatchedPartitionHandler handler = handler((splitter, manager) -> {
			throw new MessageHandlingException(new GenericMessage<>("remoteTestWorker " + unsent),
					new AmqpConnectException(new java.net.ConnectException("Connection refused")));
		});
		StepExecution manager = this.repository.partition(this.job, "remoteTestManager");

		assertThatThrownBy(() -> handler.handle(null, manager))
			.isInstanceOf(WatchedPartitionHandler.RemotePartitionsFailedException.class)
			.hasMessageStartingWith("RabbitMQ at broker.test:5672 cannot be reached (java.net.ConnectException: "
					+ "Connection refused)")
			.hasMessageEndingWith("a restart of the execution sends the partitions again");
		assertThat(this.repository.status(unsent)).isEqualTo(BatchStatus.FAILED);
		assertThat(this.repository.exitDescription(unsent)).startsWith("RabbitMQ at broker.test:5672");
		assertThat(this.repository.claimer(unsent)).as("so that a late request is dropped").isEqualTo(Workers.MANAGER);
		assertThat(this.repository.status(taken)).as("its worker's").isEqualTo(BatchStatus.STARTING);
	}

	@Test
	void aPartitionWhoseRequestWasLostIsSentAgainOnceThenFailedWhileItsSiblingRuns() {
		this.workers.register(1);
		long running = this.repository.partition(this.job, STEP + ":p0").getId();
		long lost = this.repository.partition(this.job, STEP + ":p1").getId();
		assertThat(this.workers.claim(running, this.job.getId())).isPresent();
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());

		watch.check();
		this.now += NO_WORKER_WAIT.minusSeconds(1).toNanos();
		watch.check();
		assertThat(this.resent).as("before no-worker-wait").isEmpty();

		this.now += Duration.ofSeconds(1).toNanos();
		watch.check();
		assertThat(this.resent).containsExactly(lost);
		assertThat(this.repository.status(lost)).isEqualTo(BatchStatus.STARTING);

		this.now += NO_WORKER_WAIT.toNanos();
		watch.check();
		assertThat(this.resent).as("sent again only once").containsExactly(lost);
		assertThat(this.repository.status(lost)).isEqualTo(BatchStatus.FAILED);
		assertThat(this.repository.exitDescription(lost))
			.contains("no worker took the partition although workers listen: its request was sent twice")
			.contains("fanout.test.partitions.dead")
			.contains("a restart of the execution runs it");
		assertThat(this.repository.claimer(lost)).as("so that a late request is dropped").isEqualTo(Workers.MANAGER);
		assertThat(this.repository.status(running)).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(running)).isEqualTo(Workers.thisWorker());
	}

	@Test
	void aHandedOnPartitionWhoseRequestCouldNotBeSentIsSentAgain() {
		this.workers.register(1);
		long partition = this.repository.partition(this.job, STEP + ":p0").getId();
		claimByDeadWorker(partition);
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());
		this.failingSends = 1;

		watch.check();
		assertThat(this.repository.claimer(partition)).isEqualTo(Workers.HANDED_ON);
		assertThat(this.resent).as("the hand-on's send failed").isEmpty();

		this.now += NO_WORKER_WAIT.toNanos();
		watch.check();

		assertThat(this.resent).containsExactly(partition);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.STARTING);
	}

	@Test
	void partitionsQueuedBehindBusyWorkersWaitForThemWithoutBeingSentAgain() {
		this.workers.register(1);
		this.queue = new WatchedPartitionHandler.QueueState(3, 1);
		long partition = this.repository.partition(this.job, STEP + ":p0").getId();
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());

		for (int i = 0; i < 5; i++) {
			watch.check();
			this.now += NO_WORKER_WAIT.toNanos();
		}

		assertThat(this.resent).isEmpty();
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(partition)).isNull();
	}

	@Test
	void partitionsWaitingWhenNoWorkerIsLeftFailNamingTheFixAsTheirRequestsStayQueued() {
		this.queue = new WatchedPartitionHandler.QueueState(2, 0); // every worker died after the requests were sent
		long first = this.repository.partition(this.job, STEP + ":p0").getId();
		long second = this.repository.partition(this.job, STEP + ":p1").getId();
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());

		watch.check();
		this.now += NO_WORKER_WAIT.toNanos();
		watch.check();

		for (long partition : List.of(first, second)) {
			assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.FAILED);
			assertThat(this.repository.exitDescription(partition)).contains(WatchedPartitionHandler.NO_WORKER);
			assertThat(this.repository.claimer(partition)).isEqualTo(Workers.MANAGER);
		}
		assertThat(this.resent).isEmpty();
	}

	@Test
	void aStopEndsAtOnceThePartitionsNoWorkerHoldsAndLeavesTheRunningOnesToTheirWorkers() {
		this.workers.register(1); // this JVM: a live worker, running one of the partitions
		this.queue = new WatchedPartitionHandler.QueueState(1, 0);
		long queued = this.repository.partition(this.job, STEP + ":p0").getId();
		long orphaned = this.repository.partition(this.job, STEP + ":p1").getId();
		claimByDeadWorker(orphaned);
		long running = this.repository.partition(this.job, STEP + ":p2").getId();
		assertThat(this.workers.claim(running, this.job.getId())).isPresent();
		this.repository.jdbc.update("update BATCH_JOB_EXECUTION set STATUS = 'STOPPING' where JOB_EXECUTION_ID = ?",
				this.job.getId());
		WatchedPartitionHandler.Watch watch = handler().watch(this.job.getId());

		watch.check();

		assertThat(this.repository.status(queued)).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.repository.exitDescription(queued))
			.isEqualTo("the job was stopped before a worker took the partition; a restart of the execution runs it");
		assertThat(this.repository.claimer(queued)).as("so that its request is dropped").isEqualTo(Workers.MANAGER);
		assertThat(this.repository.status(orphaned)).as("not handed on").isEqualTo(BatchStatus.STOPPED);
		assertThat(this.repository.claimer(orphaned)).as("taken back from its worker").isEqualTo(Workers.TAKEN_BACK);
		assertThat(this.repository.exitDescription(orphaned))
			.startsWith("worker process 4242 on dead-host stopped heartbeating while running the partition")
			.endsWith("the job was stopping: a restart of the execution resumes it after its last committed chunk");
		assertThat(this.repository.status(running)).isEqualTo(BatchStatus.STARTING);
		assertThat(this.resent).isEmpty();
	}

	/**
	 * The exit description is shown by the CLI, the API and the dashboard alike: it says what to do in words every one
	 * of them fits, not as a command to type.
	 */
	@Test
	void aPartitionWhoseWorkerDiedWithNoLiveWorkerLeftFailsSayingARestartOfTheExecutionResumesIt() {
		long orphaned = this.repository.partition(this.job, STEP + ":p0").getId();
		claimByDeadWorker(orphaned);

		handler().watch(this.job.getId()).check();

		assertThat(this.repository.status(orphaned)).isEqualTo(BatchStatus.FAILED);
		assertThat(this.repository.exitDescription(orphaned)).isEqualTo("worker process 4242 on dead-host stopped "
				+ "heartbeating while running the partition and no live worker is left to take it over; once a worker "
				+ "runs, a restart of the execution resumes it after its last committed chunk");
	}

	/** A claim of a worker whose heartbeat stopped an hour ago, on a partition it had started. */
	private void claimByDeadWorker(long partition) {
		this.repository.jdbc.update("insert into FANOUT_WORKER (WORKER_ID, HOST, NODE, PID, SLOTS, STARTED, HEARTBEAT) "
				+ "values ('dead-node:4242', 'dead-host', 'dead-node', 4242, 1, CURRENT_TIMESTAMP - interval '2 hours', "
				+ "CURRENT_TIMESTAMP - interval '1 hour')");
		this.repository.jdbc.update("insert into FANOUT_PARTITION_WORKER (STEP_EXECUTION_ID, JOB_EXECUTION_ID, "
				+ "WORKER_ID, HOST, PID, CLAIMED, BEAT) values (?, ?, 'dead-node:4242', 'dead-host', 4242, "
				+ "CURRENT_TIMESTAMP - interval '2 hours', CURRENT_TIMESTAMP - interval '1 hour')", partition,
				this.job.getId());
		this.repository.jdbc.update("update BATCH_STEP_EXECUTION set STATUS = 'STARTED' where STEP_EXECUTION_ID = ?",
				partition);
	}

	@Test
	void aCheckThatThrowsAnErrorIsFollowedByTheNextCheckWhileTheHandlerWaits() throws Exception {
		AtomicInteger checks = new AtomicInteger();
		CountDownLatch checkedAgain = new CountDownLatch(1);
		this.workers = new Workers(this.repository.dataSource, new MockEnvironment()) {

			@Override
			boolean stopping(long jobExecutionId) {
				if (checks.incrementAndGet() == 1) {
					throw new OutOfMemoryError("Java heap space");
				}
				checkedAgain.countDown();
				return super.stopping(jobExecutionId);
			}

		};
		this.heartbeat = Duration.ofMillis(5);
		AtomicBoolean watchedOn = new AtomicBoolean();
		WatchedPartitionHandler handler = handler((splitter, manager) -> {
			watchedOn.set(checkedAgain.await(30, TimeUnit.SECONDS));
			return List.of();
		});

		handler.handle(null, this.repository.partition(this.job, "remoteTestManager"));

		assertThat(watchedOn).as("a check after the one that threw").isTrue();
	}

	private WatchedPartitionHandler handler() {
		return handler((splitter, manager) -> List.of());
	}

	/** The watch around {@code handler}, which stands for Spring Batch Integration's. */
	private WatchedPartitionHandler handler(PartitionHandler handler) {
		RemoteProperties properties = new RemoteProperties("fanout.test.partitions", Duration.ofMillis(20),
				NO_WORKER_WAIT, this.heartbeat, TIMEOUT, 2);
		return new WatchedPartitionHandler(handler, STEP, this.workers,
				this.repository.jobRepository, new TransactionTemplate(this.repository.transactionManager), properties,
				new WatchedPartitionHandler.RequestQueue() {

					@Override
					public void send(StepExecutionRequest request) {
						if (WatchedPartitionHandlerTests.this.failingSends > 0) {
							WatchedPartitionHandlerTests.this.failingSends--;
							throw new AmqpConnectException(new java.net.ConnectException("Connection refused"));
						}
						assertThat(request.getStepName()).isEqualTo(STEP);
						WatchedPartitionHandlerTests.this.resent.add(request.getStepExecutionId());
					}

					@Override
					public WatchedPartitionHandler.@Nullable QueueState state() {
						return WatchedPartitionHandlerTests.this.queue;
					}

					@Override
					public String unreachable(AmqpException failure) {
						return "RabbitMQ at broker.test:5672 cannot be reached (" + failure.getMessage() + ")";
					}

				}, () -> this.now);
	}

}
