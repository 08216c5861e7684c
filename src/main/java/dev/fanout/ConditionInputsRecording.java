package dev.fanout;

import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotProcessor;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurationImportFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.context.aot.AbstractAotProcessor;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Records {@link ConditionInputs} while the build generates the application's context (the {@code spring-aot}
 * execution in pom.xml), and nowhere else: a property source placed before all others sees every property looked up,
 * and keeps the names of those looked up by code that decides which beans there are, a {@link Condition}, an
 * {@link AutoConfigurationImportFilter}, an {@link ImportSelector} or an {@link ImportBeanDefinitionRegistrar} (found
 * on the caller's stack); once the context is generated, their values' digests go into the jar as
 * {@link ConditionInputs#RESOURCE}.
 * Registered in {@code META-INF/spring.factories} (environment post-processor) and
 * {@code META-INF/spring/aot.factories} (AOT processor).
 */
public class ConditionInputsRecording implements EnvironmentPostProcessor, BeanFactoryInitializationAotProcessor,
		Ordered {

	static final String SOURCE_NAME = "fanoutConditionInputs";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (Boolean.getBoolean(AbstractAotProcessor.AOT_PROCESSING)) {
			environment.getPropertySources().addFirst(new Recorder());
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE; // before any other post-processor looks a property up
	}

	@Override
	public @Nullable BeanFactoryInitializationAotContribution processAheadOfTime(
			ConfigurableListableBeanFactory beanFactory) {
		ConfigurableEnvironment environment = beanFactory.getBean(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME,
				ConfigurableEnvironment.class);
		if (!(environment.getPropertySources().get(SOURCE_NAME) instanceof Recorder recorder)) {
			return null;
		}
		// Read after the recorder is gone, so that reading them records nothing more.
		environment.getPropertySources().remove(SOURCE_NAME);
		String inputs = ConditionInputs.of(Set.copyOf(recorder.getSource()), environment).write();
		return (generationContext, code) -> generationContext.getGeneratedFiles()
			.addResourceFile(ConditionInputs.RESOURCE, new ByteArrayResource(inputs.getBytes(StandardCharsets.UTF_8)));
	}

	/**
	 * Answers no property, and notes the names that conditions ask for. The set is a concurrent one: the build
	 * processes on one thread, but nothing stops a condition from looking a property up on another.
	 */
	static final class Recorder extends PropertySource<Set<String>> {

		private static final StackWalker STACK = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

		Recorder() {
			super(SOURCE_NAME, ConcurrentHashMap.newKeySet());
		}

		@Override
		public @Nullable Object getProperty(String name) {
			if (STACK.walk((frames) -> frames.anyMatch((frame) -> decides(frame.getDeclaringClass())))) {
				getSource().add(name);
			}
			return null;
		}

		/** Whether code of this type decides, at build time, which beans the context holds. */
		private static boolean decides(Class<?> type) {
			return Condition.class.isAssignableFrom(type) || AutoConfigurationImportFilter.class.isAssignableFrom(type)
					|| ImportSelector.class.isAssignableFrom(type)
					|| ImportBeanDefinitionRegistrar.class.isAssignableFrom(type);
		}

	}

}
