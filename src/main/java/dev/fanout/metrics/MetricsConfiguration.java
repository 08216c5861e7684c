package dev.fanout.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.item.ChunkOrientedStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Fanout's job metrics on every step of every job, without touching the jobs' configurations (as the recovery
 * package registers its owner listener). Spring Batch's own {@code spring.batch.job} and {@code spring.batch.step}
 * timers come from Boot's batch observation auto-configuration, which sets the observation registry on jobs and steps.
 */
@Configuration(proxyBeanMethods = false)
class MetricsConfiguration {

	/** Applied by Boot to its observation registry, which Spring Batch's jobs and steps use. */
	@Bean
	FailedItemObservations failedItemObservations() {
		return new FailedItemObservations();
	}

	/** Applied by Boot to every meter registry: a step's partitions share their step's meters. */
	@Bean
	PartitionStepNames partitionStepNames() {
		return new PartitionStepNames();
	}

	@Bean
	static BeanPostProcessor stepMetricsRegistrar(ObjectProvider<MeterRegistry> registry) {
		JobMeters meters = new JobMeters(registry);
		return new BeanPostProcessor() {

			@Override
			@SuppressWarnings("unchecked")
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (bean instanceof AbstractStep step) {
					StepMetricsListener listener = new StepMetricsListener(step.getName(), meters,
							bean instanceof ChunkOrientedStep);
					step.registerStepExecutionListener(listener);
					if (bean instanceof ChunkOrientedStep<?, ?> chunkStep) {
						((ChunkOrientedStep<Object, Object>) chunkStep).registerItemWriteListener(listener);
					}
				}
				return bean;
			}

		};
	}

}
