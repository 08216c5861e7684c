package dev.fanout.remote;

import org.springframework.amqp.rabbit.connection.CachingConnectionFactory;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The worker's side, loaded only for {@code fanout worker} (FanoutApplication sets {@code fanout.remote.worker}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "fanout.remote.worker", havingValue = "true")
@Import(Broker.class)
class WorkerConfiguration {

	/**
	 * Spring Batch's repository as this process's steps use it: their writes of the partitions this worker runs are
	 * fenced by its claims ({@link ClaimFence}). Its collaborators are looked up on first use, as a post-processor's
	 * must be.
	 */
	@Bean
	static BeanPostProcessor claimFence(ObjectProvider<Workers> workers,
			ObjectProvider<PlatformTransactionManager> transactionManager) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof JobRepository repository) {
					return ClaimFence.around(repository, workers::getObject,
							() -> new TransactionTemplate(transactionManager.getObject()));
				}
				return bean;
			}

		};
	}

	@Bean
	PartitionWorker partitionWorker(JobRepository jobRepository, ListableBeanFactory beans, Workers workers,
			RemoteProperties properties, CachingConnectionFactory connectionFactory, RabbitAdmin rabbitAdmin,
			Environment environment) {
		return new PartitionWorker(jobRepository, beans, workers, properties, connectionFactory, rabbitAdmin,
				environment);
	}

}
