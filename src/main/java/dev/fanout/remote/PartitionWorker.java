package dev.fanout.remote;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;

import com.rabbitmq.client.Channel;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.AcknowledgeMode;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.listener.SimpleMessageListenerContainer;
import org.springframework.amqp.rabbit.listener.api.ChannelAwareMessageListener;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.core.env.Environment;
import org.springframework.dao.EmptyResultDataAccessException;

import dev.fanout.batch.JobDescription;
import dev.fanout.core.CommandFailure;
import dev.fanout.core.RepeatedTask;

/**
 * {@code fanout worker}: takes partition requests from the queue and runs them, {@code slots} at a time (one consumer
 * each, prefetch 1), like Spring Batch Integration's {@code StepExecutionRequestHandler} but with a status check
 * first (see package-info). A request is acknowledged when its partition has ended, so an unstarted one stays queued.
 * <p>
 * What guards what: {@link #held} is a concurrent set written by the consumer threads and read by the heartbeat
 * thread; {@link #stopping} is volatile, written by the thread that stops the worker and read by the consumer threads
 * and, through {@link WorkerStepExecution#isTerminateOnly()}, by the running partitions' steps at their chunk
 * boundaries. Each partition runs on its consumer's thread, its step execution confined to it: the stopping thread
 * writes nothing of it.
 */
public class PartitionWorker implements ChannelAwareMessageListener {

	private static final Logger logger = LoggerFactory.getLogger(PartitionWorker.class);

	/** How much of a message that is not a request a log line shows. */
	private static final int LOGGED_CHARACTERS = 80;

	private final JobRepository jobRepository;

	private final ListableBeanFactory beans;

	private final Workers workers;

	private final RemoteProperties properties;

	private final CachingConnectionFactory connectionFactory;

	private final RabbitAdmin rabbitAdmin;

	private final Environment environment;

	/** The partitions this worker has claimed and not yet finished with, whose claims its heartbeat refreshes. */
	private final Set<Long> held = ConcurrentHashMap.newKeySet();

	private volatile boolean stopping;

	/** Set by {@link #start} before the container delivers anything; read by the consumer threads. */
	private volatile Consumer<String> notices = (line) -> {
	};

	/** Written by {@link #start} and {@link #stop}, both on the command's thread. */
	private @Nullable SimpleMessageListenerContainer container;

	/** Written by {@link #start}, shut down (and waited for) by {@link #stop}, both on the command's thread. */
	private @Nullable ScheduledExecutorService heartbeat;

	/** Worker steps by step name (not bean name), found once on the first request; guarded by {@code this}. */
	private @Nullable Map<String, Step> steps;

	PartitionWorker(JobRepository jobRepository, ListableBeanFactory beans, Workers workers,
			RemoteProperties properties, CachingConnectionFactory connectionFactory, RabbitAdmin rabbitAdmin,
			Environment environment) {
		this.jobRepository = jobRepository;
		this.beans = beans;
		this.workers = workers;
		this.properties = properties;
		this.connectionFactory = connectionFactory;
		this.rabbitAdmin = rabbitAdmin;
		this.environment = environment;
	}

	/** The queue this worker takes requests from. */
	public String queue() {
		return this.properties.queue();
	}

	/**
	 * Registers this worker, starts its heartbeat and its {@code slots} consumers.
	 * @param notices hears a line for each partition taken, dropped or ended (from the consumer threads)
	 */
	public void start(int slots, Consumer<String> notices) {
		RemoteRepository.requireShared(this.environment);
		hear(notices);
		try {
			this.rabbitAdmin.initialize(); // the queues, before consuming
		}
		catch (AmqpException ex) {
			throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE, Broker.unreachable(this.connectionFactory, ex));
		}
		this.workers.register(slots);
		this.heartbeat = Executors
			.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("fanout-worker-heartbeat").factory());
		long period = this.properties.heartbeat().toMillis();
		// An Error in one beat would end the repetition: the claims would age and the manager hand the partitions on.
		this.heartbeat.scheduleWithFixedDelay(new RepeatedTask("Worker heartbeat", logger, () -> beat(slots)), period,
				period, TimeUnit.MILLISECONDS);
		SimpleMessageListenerContainer consumers = new SimpleMessageListenerContainer(this.connectionFactory);
		consumers.setQueueNames(this.properties.queue());
		consumers.setConcurrentConsumers(slots);
		consumers.setPrefetchCount(1); // Spring AMQP's default, 250, would let one worker hoard every request
		consumers.setAcknowledgeMode(AcknowledgeMode.MANUAL);
		consumers.setDefaultRequeueRejected(false);
		// Stopping waits for running partitions to reach a chunk boundary; the default 5 s would requeue them.
		consumers.setShutdownTimeout(TimeUnit.HOURS.toMillis(1));
		consumers.setMessageListener(this);
		consumers.afterPropertiesSet();
		consumers.start();
		this.container = consumers;
		logger.info("Worker {} takes partitions from queue {} with {} slots", Workers.thisWorker(),
				this.properties.queue(), slots);
	}

	/**
	 * Stops the running partitions at their next chunk boundary (they end STOPPED), waits for them, leaves every
	 * request not yet started in the queue and removes this worker from {@code FANOUT_WORKER}.
	 */
	public void stop() {
		this.stopping = true; // the running partitions read it at their next chunk boundary (WorkerStepExecution)
		if (this.container != null) {
			this.container.stop();
			this.container.destroy();
		}
		if (this.heartbeat != null) {
			// Waited for before the row goes: a beat under way when the row is deleted finds none to refresh and
			// registers this worker again (Workers.beat), so a stopped worker stayed listed, live, until its
			// heartbeat aged past fanout.remote.worker-timeout. An interrupt does not end a statement already sent.
			this.heartbeat.shutdownNow();
			try {
				if (!this.heartbeat.awaitTermination(1, TimeUnit.MINUTES)) {
					logger.warn("Worker {}: its last heartbeat has not ended; removing its row all the same",
							Workers.thisWorker());
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
		this.workers.unregister();
		logger.info("Worker {} stopped", Workers.thisWorker());
	}

	/** Who hears a line for each partition taken, dropped or ended; set before any request is delivered. */
	void hear(Consumer<String> notices) {
		this.notices = notices;
	}

	/** Refreshes this worker's row, then its claims on the partitions it holds; on the heartbeat thread. */
	void beat(int slots) {
		try {
			this.workers.beat(slots);
			this.workers.beatClaims(List.copyOf(this.held));
		}
		catch (RuntimeException ex) {
			logger.warn("Worker heartbeat not recorded: {}", ex.getMessage());
		}
	}

	@Override
	public void onMessage(Message message, Channel channel) throws IOException {
		long tag = message.getMessageProperties().getDeliveryTag();
		if (this.stopping) {
			channel.basicNack(tag, false, true); // back to the queue for another worker
			return;
		}
		byte[] body = message.getBody();
		if (body.length > PartitionRequest.MAX_BYTES) {
			// Not decoded: a message of megabytes would cost megabytes of heap to turn into text, and more to log.
			String head = abbreviate(new String(body, 0, LOGGED_CHARACTERS, StandardCharsets.UTF_8));
			String line = "Dead-lettered a message of %d bytes starting '%s': longer than any partition request"
				.formatted(body.length, head);
			logger.warn(line);
			this.notices.accept(line);
			channel.basicReject(tag, false);
			return;
		}
		String text = new String(body, StandardCharsets.UTF_8);
		boolean redelivered = message.getMessageProperties().isRedelivered();
		@Nullable Answer answer = null;
		try {
			answer = take(text);
		}
		catch (RuntimeException ex) {
			answer = unanswerable(text, redelivered, ex);
		}
		finally {
			// An Error leaves no answer: the request goes back once all the same, or the slot would wait for it.
			answer((answer != null) ? answer : redelivered ? Answer.DEAD_LETTER : Answer.REQUEUE, channel, tag);
		}
	}

	/** What a worker answers the broker for a request. */
	private enum Answer {

		/** Done with: its partition ended, or it was dropped. */
		ACK,

		/** Back to the queue, for this worker or another. */
		REQUEUE,

		/** Rejected without requeue: the queue dead-letters it to {@code <queue>.dead}. */
		DEAD_LETTER

	}

	private static void answer(Answer answer, Channel channel, long tag) throws IOException {
		switch (answer) {
			case ACK -> channel.basicAck(tag, false);
			case REQUEUE -> channel.basicNack(tag, false, true);
			case DEAD_LETTER -> channel.basicReject(tag, false);
		}
	}

	/**
	 * A request that failed on something other than itself, most likely the repository (a pool timeout, a connection
	 * reset): put back in the queue once, then dead-lettered, so that a request that keeps failing cannot loop; the
	 * manager sends a partition's request again once, then fails it, if no worker takes it.
	 */
	private Answer unanswerable(String text, boolean redelivered, RuntimeException ex) {
		Answer answer = redelivered ? Answer.DEAD_LETTER : Answer.REQUEUE;
		String line = "Could not take request '%s'%s: %s; %s".formatted(abbreviate(text), redelivered ? " again" : "",
				ex.getMessage(), redelivered ? "dead-lettered it" : "put it back in the queue");
		logger.warn(line, ex);
		this.notices.accept(line);
		return answer;
	}

	private Answer take(String text) {
		Optional<PartitionRequest> parsed = PartitionRequest.parse(text);
		Step step = parsed.map((request) -> steps().get(request.stepName())).orElse(null);
		StepExecution partition = parsed.map((request) -> stepExecution(request.stepExecutionId())).orElse(null);
		if (step == null || partition == null || !partition.getStepName().startsWith(step.getName() + ":")) {
			String why = parsed.isEmpty() ? "not a partition request" : (step == null) ? "no such worker step here"
					: (partition == null) ? "no such step execution" : "the step execution is not of that step";
			String line = "Dead-lettered request '%s': %s".formatted(abbreviate(text), why);
			logger.warn(line);
			this.notices.accept(line);
			return Answer.DEAD_LETTER;
		}
		take(partition, step);
		return Answer.ACK;
	}

	private void take(StepExecution partition, Step step) {
		String name = "partition %s (step execution %d) of %s execution %d".formatted(partition.getStepName(),
				partition.getId(), partition.getJobExecution().getJobInstance().getJobName(),
				partition.getJobExecutionId());
		String refusal = refusal(partition);
		if (refusal != null) {
			drop(name, refusal);
			return;
		}
		Optional<Workers.Claim> claim = this.workers.claim(partition.getId(), partition.getJobExecutionId());
		if (claim.isEmpty()) {
			drop(name, "already taken by " + this.workers.claimer(partition.getId()));
			return;
		}
		// From here until it returns, however it returns, this worker's heartbeat says it holds the partition.
		this.held.add(partition.getId());
		try {
			takeClaimed(claim.get(), name, step);
		}
		finally {
			this.held.remove(partition.getId());
		}
	}

	private void takeClaimed(Workers.Claim claim, String name, Step step) {
		// Read again after the claim: the manager may have failed it just before (no worker in time).
		StepExecution claimed = stepExecution(claim.stepExecutionId());
		if (claimed == null || claimed.getStatus() != BatchStatus.STARTING) {
			drop(name, "it is " + ((claimed != null) ? claimed.getStatus() : "gone"));
			return;
		}
		// Every write of it from here on is fenced by the claim (ClaimFence).
		WorkerStepExecution partition = new WorkerStepExecution(claimed, claim, () -> this.stopping);
		String cannot = cannotRunHere(partition);
		if (cannot != null) {
			logger.warn("Failing {}: {}", name, cannot);
			partition.addFailureException(new IllegalStateException(cannot));
			partition.setStatus(BatchStatus.FAILED);
			// The manager's failure message quotes the partition's exit description: say why there.
			partition.setExitStatus(ExitStatus.FAILED.addExitDescription(cannot));
			partition.setEndTime(LocalDateTime.now());
			record(partition);
			return;
		}
		logger.info("Took {}", name);
		this.notices.accept("Took " + name);
		long start = System.nanoTime();
		run(partition, step);
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
		if (partition.isTakenOver()) {
			String line = recovered(claim.stepExecutionId())
					? ("Gave up %s after %d ms: its execution was recovered (its manager had died); what it had not "
							+ "committed was rolled back, and a restart of the execution resumes the partition after "
							+ "its last commit").formatted(name, millis)
					: ("Gave up %s after %d ms: the manager took it back, as this worker's heartbeat or claim was "
							+ "older than fanout.remote.worker-timeout (was it paused?); what it had not committed was "
							+ "rolled back, and another worker resumes the partition after its last commit")
						.formatted(name, millis);
			logger.warn(line);
			this.notices.accept(line);
			return;
		}
		logger.info("Ended {}: {} in {} ms", name, partition.getStatus(), millis);
		this.notices.accept("Ended %s: %s in %d ms".formatted(name, partition.getStatus(), millis));
	}

	/**
	 * As StepExecutionRequestHandler runs a partition: the step saves its own outcome, failures are recorded. Once its
	 * claim is taken over, the fenced repository writes nothing more of it ({@link ClaimFence}).
	 */
	private void run(WorkerStepExecution partition, Step step) {
		try {
			step.execute(partition);
		}
		catch (JobInterruptedException ex) {
			partition.setStatus(BatchStatus.STOPPED);
			record(partition);
		}
		catch (Throwable ex) {
			if (!partition.isTakenOver()) {
				logger.error("Partition {} failed", partition.getId(), ex);
			}
			partition.addFailureException(ex);
			partition.setStatus(BatchStatus.FAILED);
			record(partition);
		}
	}

	/** Whether a recovery took the partition back; false if that cannot be read (the line then says a manager did). */
	private boolean recovered(long stepExecutionId) {
		try {
			return this.workers.recovered(stepExecutionId);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/** Writes how a partition ended, unless the manager took it back: then the fence refuses, and the caller says so. */
	private void record(WorkerStepExecution partition) {
		try {
			this.jobRepository.update(partition);
		}
		catch (ClaimFence.PartitionTakenOverException ex) {
			// Marked taken over by the fence: the partition is the manager's to write now.
		}
	}

	/** Why a request must be dropped without running it, or {@code null}: only a partition waiting to start runs. */
	private @Nullable String refusal(StepExecution partition) {
		if (partition.getStatus() != BatchStatus.STARTING) {
			String by = this.workers.claimer(partition.getId());
			return "it is already " + partition.getStatus() + ((by != null) ? " (taken by " + by + ")" : "");
		}
		BatchStatus job = partition.getJobExecution().getStatus();
		if (!job.isRunning()) {
			return "its job execution is " + job;
		}
		return null;
	}

	/** Why this job's partition cannot run on a worker, or {@code null}; the manager refuses such launches first. */
	private @Nullable String cannotRunHere(StepExecution partition) {
		String jobName = partition.getJobExecution().getJobInstance().getJobName();
		JobDescription<?> job = this.beans.getBeansOfType(JobDescription.class)
			.values()
			.stream()
			.filter((description) -> description.jobName().equals(jobName))
			.findFirst()
			.orElse(null);
		if (job == null || !job.runsOnWorkers()) {
			return "job %s does not run its partitions on workers".formatted(jobName);
		}
		try {
			job.checkRemote(partition.getJobParameters());
			return null;
		}
		catch (IllegalArgumentException ex) {
			return ex.getMessage();
		}
	}

	private void drop(String name, String why) {
		logger.info("Dropped the request for {}: {}", name, why);
		this.notices.accept("Dropped the request for %s: %s".formatted(name, why));
	}

	private @Nullable StepExecution stepExecution(long id) {
		try {
			return this.jobRepository.getStepExecution(id);
		}
		catch (EmptyResultDataAccessException ex) {
			return null;
		}
	}

	private synchronized Map<String, Step> steps() {
		if (this.steps == null) {
			// Singletons only: worker steps are, and step-scoped beans cannot be created outside a step.
			this.steps = this.beans.getBeansOfType(Step.class, false, true)
				.values()
				.stream()
				.collect(Collectors.toMap(Step::getName, Function.identity(), (a, b) -> a));
		}
		return this.steps;
	}

	/** The start of a message's text on one line, for a log line: reads no more than it shows. */
	private static String abbreviate(String text) {
		String head = text.substring(0, Math.min(text.length(), LOGGED_CHARACTERS));
		String line = head.replaceAll("\\s+", " ").strip();
		return (text.length() > LOGGED_CHARACTERS) ? line + "..." : line;
	}

}
