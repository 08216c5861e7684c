package dev.fanout.batch;

import javax.sql.DataSource;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	/** Spring Batch's schema under the configured prefix; Boot's own initializer steps back for it. */
	@Bean
	BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
			BatchJdbcProperties properties, Environment environment) {
		return new PrefixedBatchSchema(dataSource, properties, BatchTables.prefix(environment));
	}

	/**
	 * The data source (the embedded repository's pool, or Boot's for another database) behind
	 * {@link ConnectionsOnDemand}, before anything uses it (the embedded repository's schema is created by its first
	 * connection, with Spring Batch's settings, found then): the transaction manager, Spring Batch's repository and
	 * Fanout's own statements must share the one instance, or a statement in a step's transaction would not join it.
	 * And Spring Batch's repository, whose updates then take their connection before its DAOs lock, and whose ended
	 * steps write what changed once ({@link UnchangedWrites}), and whose lookups of earlier step executions a new
	 * instance's first execution answers without the database ({@link FirstExecutionLookups}). Both looked up on first
	 * use, as {@link #executionParametersRegistrar}'s.
	 */
	@Bean
	static BeanPostProcessor connectionsOnDemand(ObjectProvider<DataSource> dataSource,
			ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<BatchJdbcProperties> batch,
			Environment environment) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof DataSource pool && !(bean instanceof ConnectionsOnDemand)) {
					return new ConnectionsOnDemand(pool, (connection) -> PrefixedBatchSchema.createOn(connection,
							batch.getObject(), BatchTables.prefix(environment)));
				}
				if (bean instanceof JobRepository repository) {
					return FirstExecutionLookups.around(UnchangedWrites.around(
							ConnectionsOnDemand.connectedBeforeUpdates(repository, dataSource::getObject,
									transactionManager::getObject),
							() -> new TransactionTemplate(transactionManager.getObject())));
				}
				return bean;
			}

		};
	}

	/**
	 * Files every job's typed parameters when its execution starts ({@link ExecutionParameters}). Looked up on first
	 * use: a post-processor that depended on it directly would create the job descriptions too early.
	 */
	@Bean
	static BeanPostProcessor executionParametersRegistrar(ObjectProvider<ExecutionParameters> parameters) {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(new JobExecutionListener() {

						@Override
						public void beforeJob(JobExecution execution) {
							parameters.getObject().beforeJob(execution);
						}

						@Override
						public void afterJob(JobExecution execution) {
							parameters.getObject().afterJob(execution);
						}

					});
				}
				return bean;
			}

		};
	}

}
