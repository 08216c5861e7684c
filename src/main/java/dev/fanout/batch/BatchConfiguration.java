package dev.fanout.batch;

import javax.sql.DataSource;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchDataSourceScriptDatabaseInitializer;
import org.springframework.boot.batch.jdbc.autoconfigure.BatchJdbcProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

	/** Spring Batch's schema under the configured prefix; Boot's own initializer steps back for it. */
	@Bean
	BatchDataSourceScriptDatabaseInitializer batchDataSourceInitializer(DataSource dataSource,
			BatchJdbcProperties properties, Environment environment) {
		return new PrefixedBatchSchema(dataSource, properties, BatchTables.prefix(environment));
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
