package dev.fanout.batch;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class BatchConfiguration {

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
