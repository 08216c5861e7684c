package dev.fanout.launch;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShutdownProperties.class)
class LaunchConfiguration {

	/** Lets background launches learn their execution id as the job starts, on every job. */
	@Bean
	static BeanPostProcessor executionCreatedRegistrar() {
		return new BeanPostProcessor() {

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractJob job) {
					job.registerJobExecutionListener(new ExecutionCreated());
				}
				return bean;
			}

		};
	}

}
