package dev.fanout.remote;

import org.jspecify.annotations.Nullable;
import org.springframework.amqp.AmqpException;
import org.springframework.amqp.core.QueueInformation;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.core.env.Environment;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;
import org.springframework.transaction.support.TransactionOperations;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.RemotePartitions;
import dev.fanout.core.CommandFailure;

/**
 * A manager's remote partitions: Spring Batch Integration's {@code MessageChannelPartitionHandler}, polling the
 * repository every {@code fanout.remote.poll-interval} (its default, 10 s, would dominate short partitions), watched
 * by a {@link WatchedPartitionHandler} for the cases Spring Batch never notices: no worker, a dead worker, a lost
 * request (for which it asks the broker what the request queue holds).
 */
class RemoteManager implements RemotePartitions {

	private final MessagingTemplate requests;

	private final JobRepository jobRepository;

	private final TransactionOperations transactions;

	private final Workers workers;

	private final RemoteProperties properties;

	private final Environment environment;

	private final RabbitAdmin rabbitAdmin;

	RemoteManager(MessagingTemplate requests, JobRepository jobRepository, TransactionOperations transactions,
			Workers workers, RemoteProperties properties, Environment environment, RabbitAdmin rabbitAdmin) {
		this.requests = requests;
		this.rabbitAdmin = rabbitAdmin;
		this.jobRepository = jobRepository;
		this.transactions = transactions;
		this.workers = workers;
		this.properties = properties;
		this.environment = environment;
	}

	@Override
	public PartitionHandler handler(Step workerStep, int gridSize) {
		MessageChannelPartitionHandler handler = new MessageChannelPartitionHandler();
		handler.setStepName(workerStep.getName());
		handler.setGridSize(gridSize);
		handler.setMessagingOperations(this.requests);
		// With a repository the handler polls it for the partitions' statuses; workers send no replies.
		handler.setJobRepository(this.jobRepository);
		handler.setPollInterval(this.properties.pollInterval().toMillis());
		try {
			handler.afterPropertiesSet();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
		return new WatchedPartitionHandler(handler, workerStep.getName(), this.workers, this.jobRepository,
				this.transactions, this.properties, new WatchedPartitionHandler.RequestQueue() {

					@Override
					public void send(StepExecutionRequest request) {
						RemoteManager.this.requests.send(MessageBuilder.withPayload(request).build());
					}

					@Override
					public WatchedPartitionHandler.@Nullable QueueState state() {
						return queueState();
					}

					@Override
					public String unreachable(AmqpException failure) {
						return Broker.unreachable(RemoteManager.this.rabbitAdmin.getRabbitTemplate()
							.getConnectionFactory(), failure);
					}

				});
	}

	/** What the request queue holds, as the broker says it; {@code null} if it cannot (unreachable, no queue). */
	private WatchedPartitionHandler.@Nullable QueueState queueState() {
		try {
			QueueInformation queue = this.rabbitAdmin.getQueueInfo(this.properties.queue());
			return (queue != null) ? new WatchedPartitionHandler.QueueState(queue.getMessageCount(),
					queue.getConsumerCount()) : null;
		}
		catch (AmqpException ex) {
			return null;
		}
	}

	@Override
	public void checkLaunch(JobDescription<?> job, JobParameters parameters) {
		RemoteRepository.requireShared(this.environment);
		if (job.runsOnWorkers()) {
			try {
				job.checkRemote(parameters);
			}
			catch (IllegalArgumentException ex) {
				throw CommandFailure.usage(ex.getMessage());
			}
			try {
				this.rabbitAdmin.initialize(); // the queues, as the first request would; the broker must answer
			}
			catch (AmqpException ex) {
				throw new CommandFailure(CommandFailure.Kind.UNAVAILABLE,
						Broker.unreachable(this.rabbitAdmin.getRabbitTemplate().getConnectionFactory(), ex)
								+ "; nothing was launched");
			}
		}
	}

}
