package dev.fanout.remote;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import com.rabbitmq.client.Channel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
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
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.dao.TransientDataAccessResourceException;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.ParameterValues;

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
			boolean claim(long stepExecutionId, long jobExecutionId) {
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
		Thread consumer = Thread.ofPlatform().start(() -> {
			try {
				worker.onMessage(request(running, false), this.channel);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
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
		Thread consumer = Thread.ofPlatform().start(() -> {
			try {
				worker.onMessage(request(partition, false), this.channel);
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		});
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

		WorkerStepExecution copy = new WorkerStepExecution(loaded, () -> false);

		assertThat(copy).usingRecursiveComparison().ignoringFields("workerStopping").isEqualTo(loaded);
		assertThat(new WorkerStepExecution(this.repository.partition(job, STEP + ":p1"), () -> true).isTerminateOnly())
			.as("when its worker stops")
			.isTrue();
	}

	private Duration beatAge(long stepExecutionId) {
		return Duration.ofMillis(this.repository.jdbc.queryForObject("select cast(extract(epoch from "
				+ "(CURRENT_TIMESTAMP - BEAT)) * 1000 as bigint) from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ?",
				Long.class, stepExecutionId));
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

	/** A worker on the test's repository with the test's step and job, its notices collected; not started. */
	private PartitionWorker worker(JobRepository jobRepository, Workers workers) {
		StaticListableBeanFactory beans = new StaticListableBeanFactory();
		beans.addBean(STEP, step());
		beans.addBean("remoteTestJobDescription", new RemoteJob());
		CachingConnectionFactory unused = new CachingConnectionFactory("127.0.0.1"); // connects only when started
		PartitionWorker worker = new PartitionWorker(jobRepository, beans, workers, properties(), unused,
				new RabbitAdmin(unused), new MockEnvironment());
		worker.hear(this.notices::add);
		return worker;
	}

	private Step step() {
		return new StepBuilder(STEP, this.repository.jobRepository)
			.tasklet((contribution, context) -> this.work.execute(contribution, context),
					this.repository.transactionManager)
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
	private static final class RemoteJob implements JobDescription<ParameterValues> {

		@Override
		public String jobName() {
			return JOB;
		}

		@Override
		public String summary() {
			return "a job of the remote tests";
		}

		@Override
		public List<JobParameterDescription> parameters() {
			return List.of();
		}

		@Override
		public ParameterValues parse(ParameterValues values) {
			return values;
		}

		@Override
		public boolean runsOnWorkers() {
			return true;
		}

	}

}
