package dev.fanout.remote;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;

/** The worker's side, loaded only for {@code fanout worker} (FanoutApplication sets {@code fanout.remote.worker}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fanout.remote.worker", havingValue = "true")
@Import(Broker.class)
class WorkerConfiguration {

	@Bean
	PartitionWorker partitionWorker(JobRepository jobRepository, ListableBeanFactory beans, Workers workers,
			RemoteProperties properties, CachingConnectionFactory connectionFactory, RabbitAdmin rabbitAdmin,
			Environment environment) {
		return new PartitionWorker(jobRepository, beans, workers, properties, connectionFactory, rabbitAdmin,
				environment);
	}

}
