package dev.fanout.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.mockito.InOrder;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStreamReader;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.Await;
import dev.fanout.batch.DescribedJob;
import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.RecoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.inOrder;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoMoreInteractions;

/**
 * {@code fanout worker}'s handling of one request, called as its listener container calls it, against a real job
 * repository on PostgreSQL and a mocked broker channel: what it answers the broker (ack, requeue, dead-letter) and
 * what it leaves in the repository.
 */
class PartitionWorkerTests {

	private static final String JOB = "remoteTestJob";

	private static final String STEP = "remoteTestWorker";

	private static final long TAG = 7;

	private RemoteTestRepository repository;

	private final Channel channel = mock(Channel.class);

	private final List<String> notices = new CopyOnWriteArrayList<>();

	/** What the test's worker step does each time it is called; {@link RepeatStatus#FINISHED} by default. */
	private volatile Tasklet work = (contribution, context) -> RepeatStatus.FINISHED;

	/** The test's worker step on a repository: by default a tasklet doing {@link #work} in the repository's transactions. */
	private Function<JobRepository, Step> steps = this::step;

	@BeforeEach
	void createRepository() throws Exception {
		this.repository = new RemoteTestRepository();
	}

	@AfterEach
	void dropRepository() throws Exception {
		this.repository.close();
	}

	@Test
	void aMessageLongerThanAnyRequestIsDeadLetteredWithoutBeingReadAsText() throws Exception {
		PartitionWorker worker = worker(this.repository.jobRepository, this.repository.workers(Duration.ofSeconds(15)));
		byte[] body = (" ".repeat(4 * 1024 * 1024) + "x").getBytes(StandardCharsets.UTF_8);
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();

		// Once before measuring, so that what is loaded and initialized on first use (logging) is not counted.
		worker.onMessage(message(body, false), mock(Channel.class));
		this.notices.clear();

		long before = threads.getCurrentThreadAllocatedBytes();
		worker.onMessage(message(body, false), this.channel);
		long allocated = threads.getCurrentThreadAllocatedBytes() - before;

		verify(this.channel).basicReject(TAG, false);
		verifyNoMoreInteractions(this.channel);
		assertThat(allocated).as("bytes allocated for a message of %d", body.length).isLessThan(body.length / 16);
		assertThat(this.notices).singleElement()
			.asString()
			.startsWith("Dead-lettered a message of %d bytes".formatted(body.length))
			.hasSizeLessThan(200);
	}

	@Test
	void aRequestIsAcknowledgedOnceItsPartitionHasRunAndItsClaimNamesTheWorker() throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		PartitionWorker worker = worker(this.repository.jobRepository, this.repository.workers(Duration.ofSeconds(15)));

		worker.onMessage(request(partition, false), this.channel);

		verify(this.channel).basicAck(TAG, false);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.repository.claimer(partition)).isEqualTo(Workers.thisWorker());
	}

	@Test
	void aPartitionOfAJobThatDoesNotRunOnWorkersFailsSayingSoInItsExitDescription() throws Exception {
		JobExecution job = this.repository.runningExecution("local-only");
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		PartitionWorker worker = worker(this.repository.jobRepository, this.repository.workers(Duration.ofSeconds(15)));

		worker.onMessage(request(partition, false), this.channel);

		verify(this.channel).basicAck(TAG, false);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.FAILED);
		assertThat(this.repository.jobRepository.getStepExecution(partition).getExitStatus().getExitDescription())
			.as("what the manager's failure message quotes")
			.isEqualTo("job local-only does not run its partitions on workers");
	}

	@Test
	void aRepositoryErrorReadingThePartitionPutsTheRequestBackOnceThenDeadLettersIt() throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		JobRepository failing = failingReads(this.repository.jobRepository);
		PartitionWorker worker = worker(failing, this.repository.workers(Duration.ofSeconds(15)));

		worker.onMessage(request(partition, false), this.channel);
		worker.onMessage(request(partition, true), this.channel);

		InOrder answers = inOrder(this.channel);
		answers.verify(this.channel).basicNack(TAG, false, true);
		answers.verify(this.channel).basicReject(TAG, false);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.notices).hasSize(2).allSatisfy((line) -> assertThat(line).contains("Connection reset"));
		assertThat(this.repository.claimer(partition)).isNull();
	}

	@Test
	void aRepositoryErrorWhileClaimingPutsTheRequestBackInsteadOfAcknowledgingIt() throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		Workers failing = new Workers(this.repository.dataSource, new MockEnvironment()) {

			@Override
			Optional<Workers.Claim> claim(long stepExecutionId, long jobExecutionId) {
				throw new QueryTimeoutException("Connection is not available, request timed out after 30000ms");
			}

		};
		PartitionWorker worker = worker(this.repository.jobRepository, failing);

		worker.onMessage(request(partition, false), this.channel);

		verify(this.channel).basicNack(TAG, false, true);
		verifyNoMoreInteractions(this.channel);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.STARTING);
		assertThat(this.repository.claimer(partition)).isNull();
	}

	@Test
	void theHeartbeatRefreshesTheClaimsOfThePartitionsTheWorkerRunsAndOfNoOthers() throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long running = this.repository.partition(job, STEP + ":p0").getId();
		long ended = this.repository.partition(job, STEP + ":p1").getId();
		Workers workers = this.repository.workers(Duration.ofSeconds(15));
		PartitionWorker worker = worker(this.repository.jobRepository, workers);
		worker.onMessage(request(ended, false), mock(Channel.class));
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.work = (contribution, context) -> {
			started.countDown();
			release.await();
			return RepeatStatus.FINISHED;
		};
		Thread consumer = delivered(worker, running);
		try {
			assertThat(started.await(60, TimeUnit.SECONDS)).as("the partition started").isTrue();
			this.repository.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = BEAT - interval '1 hour'");

			worker.beat(1);

			assertThat(beatAge(running)).as("the running partition's claim").isLessThan(Duration.ofMinutes(1));
			assertThat(beatAge(ended)).as("the ended partition's claim").isGreaterThan(Duration.ofMinutes(59));
		}
		finally {
			release.countDown();
			consumer.join();
		}
		verify(this.channel).basicAck(TAG, false);
		assertThat(this.repository.status(running)).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aWorkerStoppedWhileItsHeartbeatIsUnderWayLeavesNoRowBehind() throws Exception {
		TestQueue queue = new TestQueue("fanout.test.stop.");
		AtomicBoolean holdNextBeat = new AtomicBoolean();
		CountDownLatch beating = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		CountDownLatch beaten = new CountDownLatch(1);
		Workers workers = new Workers(this.repository.dataSource, new MockEnvironment()) {

			@Override
			void beat(int slots) {
				if (!holdNextBeat.getAndSet(false)) {
					super.beat(slots);
					return;
				}
				// A beat whose statement is on its way to the database: an interrupt does not take it back.
				beating.countDown();
				awaitUninterruptibly(release);
				Thread.interrupted();
				try {
					super.beat(slots);
				}
				finally {
					beaten.countDown();
				}
			}

		};
		PartitionWorker worker = queue.worker(workers);
		try {
			worker.start(1, this.notices::add);
			assertThat(workerRows()).as("registered").isOne();
			holdNextBeat.set(true);
			assertThat(beating.await(60, TimeUnit.SECONDS)).as("a beat under way").isTrue();

			Thread stopping = Thread.ofPlatform().start(worker::stop);
			// Released once the stop has removed the row (as it did) or waits for the beat to end.
			Await.until("the stop done or waiting for the heartbeat", Duration.ofSeconds(60),
					() -> !stopping.isAlive() || Arrays.stream(stopping.getStackTrace())
						.anyMatch((frame) -> frame.getMethodName().equals("awaitTermination")));
			release.countDown();
			stopping.join();
			assertThat(beaten.await(60, TimeUnit.SECONDS)).as("the beat ended").isTrue();

			assertThat(workerRows()).as("the stopped worker's row").isZero();
		}
		finally {
			release.countDown();
			queue.close();
		}
	}

	@Test
	void aHeartbeatThatThrowsAnErrorIsFollowedByTheNextBeat() throws Exception {
		TestQueue queue = new TestQueue("fanout.test.beat.");
		AtomicInteger beats = new AtomicInteger();
		CountDownLatch beatAgain = new CountDownLatch(1);
		Workers workers = new Workers(this.repository.dataSource, new MockEnvironment()) {

			@Override
			void beat(int slots) {
				if (beats.incrementAndGet() == 1) {
					throw new AssertionError("one beat's failure");
				}
				super.beat(slots);
				beatAgain.countDown();
			}

		};
		PartitionWorker worker = queue.worker(workers);
		try {
			worker.start(1, this.notices::add);

			assertThat(beatAgain.await(30, TimeUnit.SECONDS)).as("a beat after the one that threw").isTrue();
		}
		finally {
			worker.stop();
			queue.close();
		}
	}

	/** A throw-away queue on the machine's RabbitMQ, and a worker of this test's repository that consumes it. */
	private final class TestQueue implements AutoCloseable {

		private final String name;

		private final CachingConnectionFactory broker = new CachingConnectionFactory("127.0.0.1", 5672);

		private final RabbitAdmin admin = new RabbitAdmin(this.broker);

		TestQueue(String prefix) {
			this.name = prefix + UUID.randomUUID();
			this.admin.declareQueue(new Queue(this.name, false, false, true));
		}

		/** Heartbeats every 50 ms. */
		PartitionWorker worker(Workers workers) {
			return new PartitionWorker(PartitionWorkerTests.this.repository.jobRepository,
					new StaticListableBeanFactory(), workers, new RemoteProperties(this.name, Duration.ofMillis(20),
							Duration.ofSeconds(60), Duration.ofMillis(50), Duration.ofSeconds(15), 2),
					this.broker, this.admin,
					new MockEnvironment().withProperty("spring.datasource.url", "jdbc:postgresql://db/x"));
		}

		@Override
		public void close() {
			this.admin.deleteQueue(this.name);
			this.broker.destroy();
		}

	}

	private int workerRows() {
		return this.repository.jdbc.queryForObject("select count(*) from FANOUT_WORKER where WORKER_ID = ?",
				Integer.class, Workers.thisWorker());
	}

	private static void awaitUninterruptibly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	@Test
	void aStopFromAnotherThreadEndsTheRunningPartitionStoppedAtItsNextChunkBoundary() throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		PartitionWorker worker = worker(this.repository.jobRepository, this.repository.workers(Duration.ofSeconds(15)));
		AtomicInteger chunks = new AtomicInteger();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch stopped = new CountDownLatch(1);
		AtomicBoolean giveUp = new AtomicBoolean();
		this.work = (contribution, context) -> {
			if (chunks.incrementAndGet() == 1) {
				started.countDown();
				stopped.await();
			}
			return giveUp.get() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE; // endless until stopped
		};
		Thread consumer = delivered(worker, partition);
		try {
			assertThat(started.await(60, TimeUnit.SECONDS)).as("the partition started").isTrue();

			worker.stop();
			stopped.countDown();

			assertThat(consumer.join(Duration.ofSeconds(60))).as("the partition ended").isTrue();
		}
		finally {
			giveUp.set(true);
			stopped.countDown();
			consumer.join();
		}
		assertThat(chunks).as("chunks run").hasValue(1);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.STOPPED);
		verify(this.channel).basicAck(TAG, false);
	}

	/**
	 * A worker paused beyond the timeout (a long collection, a suspended machine) while its partition's second chunk
	 * runs: the manager hands the partition on, then the worker wakes up and tries to commit. Nothing of that chunk may
	 * land: with a tasklet writing rows in the repository's transactions (factorize, life), also once the job is
	 * stopping, when Spring Batch gives a step update the current version; and with a chunk step on resourceless
	 * transactions, whose context the repository saves in a transaction of its own (sensors).
	 */
	@ParameterizedTest(name = "{0}, job stopping: {1}")
	@CsvSource({ "rows, false", "rows, true", "resourceless chunks, false" })
	void aWorkerThatWakesUpAfterItsPartitionWasHandedOnWritesNothingMore(String kind, boolean stopping)
			throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		Workers workers = this.repository.workers(Duration.ofSeconds(15));
		workers.register(1); // the worker process stays live: only this partition's claim goes stale
		boolean rows = kind.equals("rows");
		CountDownLatch paused = new CountDownLatch(1);
		CountDownLatch wake = new CountDownLatch(1);
		if (rows) {
			this.work = rowsThenPause(job, paused, wake);
		}
		else {
			this.steps = (repository) -> countingChunks(repository, paused, wake);
		}
		PartitionWorker worker = worker(this.repository.jobRepository, workers);
		Thread consumer = delivered(worker, partition);
		try {
			assertThat(paused.await(60, TimeUnit.SECONDS)).as("the second chunk started").isTrue();
			this.repository.jdbc.update("update FANOUT_PARTITION_WORKER set BEAT = BEAT - interval '1 hour'");
			manager(workers).watch(job.getId()).check();
			assertThat(this.repository.claimer(partition)).as("handed on").isEqualTo(Workers.HANDED_ON);
			if (stopping) {
				this.repository.jdbc.update("update BATCH_JOB_EXECUTION set STATUS = 'STOPPING', VERSION = "
						+ "VERSION + 1 where JOB_EXECUTION_ID = ?", job.getId());
			}
		}
		finally {
			wake.countDown();
			assertThat(consumer.join(Duration.ofSeconds(60))).as("the old worker's run ended").isTrue();
		}

		StepExecution left = this.repository.jobRepository.getStepExecution(partition);
		assertThat(left.getStatus()).as("as the hand-on left it").isEqualTo(BatchStatus.STARTING);
		assertThat(left.getExecutionContext().getInt("chunks")).as("chunks in its context").isEqualTo(1);
		if (rows) {
			assertThat(this.repository.jdbc.queryForList("select CONTENT from FANOUT_PARTITION_DATA where DATASET = "
					+ "'fence' order by SEQ", String.class))
				.as("the rows its chunks wrote")
				.containsExactly("chunk 1");
		}
		assertThat(this.repository.claimer(partition)).isEqualTo(Workers.HANDED_ON);
		verify(this.channel).basicAck(TAG, false);
		assertThat(this.notices).last()
			.asString()
			.startsWith("Gave up partition " + STEP + ":p0")
			.contains("fanout.remote.worker-timeout");
	}

	/**
	 * A tasklet whose every chunk writes a row of its own and counts itself in the step's context; it pauses in its
	 * second chunk until {@code wake}, once it has said so on {@code paused}.
	 */
	private Tasklet rowsThenPause(JobExecution job, CountDownLatch paused, CountDownLatch wake) {
		return (contribution, context) -> {
			ExecutionContext written = context.getStepContext().getStepExecution().getExecutionContext();
			int chunk = written.getInt("chunks", 0) + 1;
			written.putInt("chunks", chunk);
			this.repository.jdbc.update("insert into FANOUT_PARTITION_DATA (JOB_INSTANCE_ID, DATASET, SHARD, SEQ, "
					+ "CONTENT) values (?, 'fence', 0, ?, ?)", job.getJobInstance().getInstanceId(), chunk,
					"chunk " + chunk);
			if (chunk == 1) {
				return RepeatStatus.CONTINUABLE;
			}
			paused.countDown();
			wake.await();
			return RepeatStatus.FINISHED;
		};
	}

	/**
	 * The manager dies while a worker runs a partition, and the operator recovers the execution (as the docs say) while
	 * the worker, alive, runs on: the recovery takes the partition back, so nothing of the chunk under way lands. With
	 * only the step row's version to stop it, a chunk step on resourceless transactions (sensors) saved its context past
	 * its step row, and the restart resumed after readings the step counts never showed. The execution is read before
	 * the worker commits its first chunk, as a recovery may read it: the partition is read again before it is failed.
	 */
	@ParameterizedTest(name = "{0}")
	@CsvSource({ "rows", "resourceless chunks" })
	void aWorkerWhosePartitionsExecutionIsRecoveredWritesNothingMore(String kind) throws Exception {
		JobExecution job = this.repository.runningExecution(JOB);
		long partition = this.repository.partition(job, STEP + ":p0").getId();
		JobExecution readBeforeTheWorkerRan = this.repository.jobRepository.getJobExecution(job.getId());
		Workers workers = this.repository.workers(Duration.ofSeconds(15));
		workers.register(1);
		CountDownLatch paused = new CountDownLatch(1);
		CountDownLatch wake = new CountDownLatch(1);
		if (kind.equals("rows")) {
			this.work = rowsThenPause(job, paused, wake);
		}
		else {
			this.steps = (repository) -> countingChunks(repository, paused, wake);
		}
		PartitionWorker worker = worker(this.repository.jobRepository, workers);
		Orphans orphans = new Orphans(new ExecutionOwners(this.repository.dataSource, new MockEnvironment()),
				this.repository.jobRepository, new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30),
						false), null, workers);
		Thread consumer = delivered(worker, partition);
		try {
			assertThat(paused.await(60, TimeUnit.SECONDS)).as("the second chunk started").isTrue();
			orphans.recover(readBeforeTheWorkerRan);
		}
		finally {
			wake.countDown();
			assertThat(consumer.join(Duration.ofSeconds(60))).as("the worker's run ended").isTrue();
		}

		StepExecution left = this.repository.jobRepository.getStepExecution(partition);
		assertThat(left.getStatus()).as("as the recovery left it").isEqualTo(BatchStatus.FAILED);
		assertThat(left.getExitStatus().getExitDescription()).startsWith("Recovered:");
		assertThat(left.getExecutionContext().getInt("chunks")).as("chunks in its context").isEqualTo(1);
		assertThat(left.getReadCount()).as("read, as its context says").isEqualTo(kind.equals("rows") ? 0 : 1);
		if (kind.equals("rows")) {
			assertThat(this.repository.jdbc.queryForList("select CONTENT from FANOUT_PARTITION_DATA where DATASET = "
					+ "'fence' order by SEQ", String.class))
				.as("the rows its chunks wrote")
				.containsExactly("chunk 1");
		}
		assertThat(this.repository.claimer(partition)).isEqualTo(Workers.RECOVERED);
		assertThat(this.repository.status(partition)).isEqualTo(BatchStatus.FAILED);
		verify(this.channel).basicAck(TAG, false);
		assertThat(this.notices).last()
			.asString()
			.startsWith("Gave up partition " + STEP + ":p0")
			.contains("its execution was recovered");
	}

	/** The manager's watch over the test's partitions, every request it sends again dropped. */
	private WatchedPartitionHandler manager(Workers workers) {
		return new WatchedPartitionHandler((splitter, manager) -> List.of(), STEP, workers,
				this.repository.jobRepository, new TransactionTemplate(this.repository.transactionManager),
				properties(), new WatchedPartitionHandler.RequestQueue() {

					@Override
					public void send(StepExecutionRequest request) {
					}

					@Override
					public WatchedPartitionHandler.QueueState state() {
						return new WatchedPartitionHandler.QueueState(0, 1);
					}

					@Override
					public String unreachable(AmqpException failure) {
						throw new AssertionError("the broker is never unreachable here", failure);
					}

				});
	}

	@Test
	void theWorkersCopyOfAStepExecutionKeepsEveryFieldOfTheOriginal() {
		JobExecution job = this.repository.runningExecution(JOB);
		StepExecution loaded = this.repository.partition(job, STEP + ":p0");
		loaded.setStatus(BatchStatus.STARTED);
		loaded.setExitStatus(ExitStatus.EXECUTING.addExitDescription("on its way"));
		loaded.getExecutionContext().putLong("position", 42);
		loaded.setReadCount(1);
		loaded.setWriteCount(2);
		loaded.setCommitCount(3);
		loaded.setRollbackCount(4);
		loaded.setReadSkipCount(5);
		loaded.setProcessSkipCount(6);
		loaded.setWriteSkipCount(7);
		loaded.setFilterCount(8);
		loaded.setStartTime(LocalDateTime.now().minusMinutes(2));
		loaded.setEndTime(LocalDateTime.now().minusMinutes(1));
		loaded.setLastUpdated(LocalDateTime.now());
		loaded.addFailureException(new IllegalStateException("earlier"));
		loaded.setTerminateOnly();
		loaded.setVersion(9);

		Workers.Claim claim = new Workers.Claim(loaded.getId(), Workers.thisWorker(), 0);
		WorkerStepExecution copy = new WorkerStepExecution(loaded, claim, () -> false);

		assertThat(copy).usingRecursiveComparison().ignoringFields("claim", "takenOver", "workerStopping").isEqualTo(loaded);
		assertThat(copy.claim()).isEqualTo(claim);
		StepExecution other = this.repository.partition(job, STEP + ":p1");
		assertThat(new WorkerStepExecution(other, claim, () -> true).isTerminateOnly()).as("when its worker stops")
			.isTrue();
	}

	private Duration beatAge(long stepExecutionId) {
		return Duration.ofMillis(this.repository.jdbc.queryForObject("select cast(extract(epoch from "
				+ "(CURRENT_TIMESTAMP - BEAT)) * 1000 as bigint) from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ?",
				Long.class, stepExecutionId));
	}

	/** Delivers a partition's request to the worker on a thread of its own, as its listener container would. */
	private Thread delivered(PartitionWorker worker, long partition) {
		return Thread.ofPlatform().start(() -> {
			try {
				worker.onMessage(request(partition, false), this.channel);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
	}

	/** A repository whose reads of a step execution fail, as when its connection breaks. */
	private static JobRepository failingReads(JobRepository repository) {
		return (JobRepository) Proxy.newProxyInstance(JobRepository.class.getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("getStepExecution")) {
						throw new TransientDataAccessResourceException("Connection reset");
					}
					try {
						return method.invoke(repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/**
	 * A worker on the test's repository with the test's step and job, its notices collected; not started. As in a
	 * worker process, it and its step write through the repository fenced by its claims.
	 */
	private PartitionWorker worker(JobRepository jobRepository, Workers workers) {
		JobRepository fenced = ClaimFence.around(jobRepository, () -> workers,
				() -> new TransactionTemplate(this.repository.transactionManager));
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean(STEP, this.steps.apply(fenced));
		beans.addBean("remoteTestJobDescription", new RemoteJob());
		CachingConnectionFactory unused = new CachingConnectionFactory("127.0.0.1"); // connects only when started
		PartitionWorker worker = new PartitionWorker(fenced, beans, workers, properties(), unused,
				new RabbitAdmin(unused), new MockEnvironment());
		worker.hear(this.notices::add);
		return worker;
	}

	private Step step(JobRepository jobRepository) {
		return new StepBuilder(STEP, jobRepository)
			.tasklet((contribution, context) -> this.work.execute(contribution, context),
					this.repository.transactionManager)
			.build();
	}

	/**
	 * As sensors' chunks: a chunk of one item each in resourceless transactions, the items read counted in the step's
	 * context ({@code chunks}); the writer of the second waits for {@code wake} once it has signalled {@code paused}.
	 */
	private static Step countingChunks(JobRepository jobRepository, CountDownLatch paused, CountDownLatch wake) {
		ItemStreamReader<Integer> reader = new ItemStreamReader<>() {

			private int chunks;

			@Override
			public void open(ExecutionContext context) {
				this.chunks = context.getInt("chunks", 0);
			}

			@Override
			public void update(ExecutionContext context) {
				context.putInt("chunks", this.chunks);
			}

			@Override
			public Integer read() {
				return (this.chunks < 2) ? ++this.chunks : null;
			}

		};
		ItemWriter<Integer> writer = (items) -> {
			if (items.getItems().contains(2)) {
				paused.countDown();
				wake.await();
			}
		};
		return new StepBuilder(STEP, jobRepository).<Integer, Integer>chunk(1)
			.reader(reader)
			.writer(writer)
			.transactionManager(new ResourcelessTransactionManager())
			.build();
	}

	private static RemoteProperties properties() {
		return new RemoteProperties("fanout.test.partitions", Duration.ofMillis(20), Duration.ofSeconds(60),
				Duration.ofSeconds(2), Duration.ofSeconds(15), 2);
	}

	private static Message message(byte[] body, boolean redelivered) {
		MessageProperties properties = new MessageProperties();
		properties.setDeliveryTag(TAG);
		properties.setRedelivered(redelivered);
		return new Message(body, properties);
	}

	private static Message request(long stepExecutionId, boolean redelivered) {
		return message((STEP + " " + stepExecutionId).getBytes(StandardCharsets.UTF_8), redelivered);
	}

	/** The test's job: its partitions may run on workers. */
	private static final class RemoteJob extends DescribedJob {

		RemoteJob() {
			super(JOB, "a job of the remote tests");
		}

		@Override
		public boolean runsOnWorkers() {
			return true;
		}

	}

}
