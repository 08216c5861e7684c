package dev.fanout.remote;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.integration.partition.StepExecutionRequest;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.integration.amqp.dsl.Amqp;
import org.springframework.integration.channel.DirectChannel;
import org.springframework.integration.config.EnableIntegration;
import org.springframework.integration.core.MessagingTemplate;
import org.springframework.integration.dsl.IntegrationFlow;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.core.FanoutProperties;

/**
 * A manager's side of remote partitioning, loaded only when {@code fanout.workers=remote}: the channel that
 * {@code MessageChannelPartitionHandler} sends its requests to, the flow that turns them into text messages on the
 * request queue, and the {@link dev.fanout.batch.RemotePartitions} bean that makes jobs use it.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fanout.workers", havingValue = "remote")
@EnableIntegration
@Import(Broker.class)
class ManagerConfiguration {

	@Bean
	DirectChannel partitionRequests() {
		return new DirectChannel();
	}

	@Bean
	IntegrationFlow partitionRequestFlow(DirectChannel partitionRequests, RabbitTemplate partitionRequestTemplate,
			RemoteProperties properties) {
		return IntegrationFlow.from(partitionRequests)
			.transform(StepExecutionRequest.class, (request) -> PartitionRequest.of(request).text())
			.handle(Amqp.outboundAdapter(partitionRequestTemplate).routingKey(properties.queue()))
			.get();
	}

	/** Depends on the admin so that the queue exists before the first request is published. */
	@Bean
	RabbitTemplate partitionRequestTemplate(CachingConnectionFactory connectionFactory, RabbitAdmin rabbitAdmin) {
		return new RabbitTemplate(connectionFactory);
	}

	/** For {@code fanout bench factorize --workers}: worker processes started on this machine. */
	@Bean
	LocalWorkerProcesses localWorkerProcesses(Workers workers, FanoutProperties fanout, ApplicationArguments arguments) {
		return new LocalWorkerProcesses(workers, fanout, arguments);
	}

	@Bean
	RemoteManager remoteManager(DirectChannel partitionRequests, JobRepository jobRepository,
			PlatformTransactionManager transactionManager, Workers workers, RemoteProperties properties,
			Environment environment, RabbitAdmin rabbitAdmin) {
		MessagingTemplate requests = new MessagingTemplate(partitionRequests);
		return new RemoteManager(requests, jobRepository, new TransactionTemplate(transactionManager), workers,
				properties, environment, rabbitAdmin);
	}

}
