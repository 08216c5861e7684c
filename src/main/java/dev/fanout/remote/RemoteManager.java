package dev.fanout.remote;

import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.integration.partition.MessageChannelPartitionHandler;
import org.springframework.core.env.Environment;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.support.MessageBuilder;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.RemotePartitions;
import dev.fanout.core.CommandFailure;

/**
 * A manager's remote partitions: Spring Batch Integration's {@code MessageChannelPartitionHandler}, polling the
 * repository every {@code fanout.remote.poll-interval} (its default, 10 s, would dominate short partitions), watched
 * by a {@link WatchedPartitionHandler} for the cases Spring Batch never notices: no worker, a dead worker.
 */
class RemoteManager implements RemotePartitions {

	private final MessagingTemplate requests;

	private final JobRepository jobRepository;

	private final Workers workers;

	private final RemoteProperties properties;

	private final Environment environment;

	RemoteManager(MessagingTemplate requests, JobRepository jobRepository, Workers workers, RemoteProperties properties,
			Environment environment) {
		this.requests = requests;
		this.jobRepository = jobRepository;
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
				this.properties, (request) -> this.requests.send(MessageBuilder.withPayload(request).build()));
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
		}
	}

}
