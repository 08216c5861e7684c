package dev.fanout;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import org.springframework.aot.generate.ClassNameGenerator;
import org.springframework.aot.generate.DefaultGenerationContext;
import org.springframework.aot.generate.GeneratedFiles.Kind;
import org.springframework.aot.generate.InMemoryGeneratedFiles;
import org.springframework.beans.factory.aot.BeanFactoryInitializationAotContribution;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.ImportSelector;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.javapoet.ClassName;
import org.springframework.mock.env.MockPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionInputsRecordingTests {

	@Test
	void writesIntoTheJarThePropertiesThatConditionsLookedUpWithTheirValuesAndNoOthers() throws Exception {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addLast(new MockPropertySource().withProperty("fanout.workers", "local")
				.withProperty("fanout.data-dir", "data"));
		environment.getPropertySources().addFirst(new ConditionInputsRecording.Recorder());
		Condition condition = new PropertyCondition(environment, "fanout.workers", "fanout.serving");

		condition.matches(null, null);
		// As Boot's auto-configuration selector reads its exclusions:
		new ExcludingSelector(environment).selectImports(null);
		environment.getProperty("fanout.data-dir"); // looked up by something that decides no bean
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);
		BeanFactoryInitializationAotContribution contribution = new ConditionInputsRecording()
			.processAheadOfTime(beanFactory);
		InMemoryGeneratedFiles files = new InMemoryGeneratedFiles();
		contribution.applyTo(new DefaultGenerationContext(new ClassNameGenerator(ClassName.get("dev.fanout", "Test")),
				files), null);

		String written = files.getGeneratedFileContent(Kind.RESOURCE, ConditionInputs.RESOURCE);
		assertThat(written)
			.contains("set.fanout.workers=", "unset.fanout.serving=", "unset.spring.autoconfigure.exclude=")
			.doesNotContain("fanout.data-dir");
		assertThat(written.lines().filter((line) -> !line.startsWith("#"))).hasSize(3);
		assertThat(environment.getPropertySources().contains(ConditionInputsRecording.SOURCE_NAME))
			.as("the recorder leaves once its inputs are written")
			.isFalse();
	}

	@Test
	void recordsNothingOutsideTheBuildsProcessing() {
		StandardEnvironment environment = new StandardEnvironment();

		new ConditionInputsRecording().postProcessEnvironment(environment, new SpringApplication());

		assertThat(environment.getPropertySources().contains(ConditionInputsRecording.SOURCE_NAME)).isFalse();
		assertThat(new ConditionInputsRecording().processAheadOfTime(beanFactoryWith(environment))).isNull();
	}

	private static DefaultListableBeanFactory beanFactoryWith(StandardEnvironment environment) {
		DefaultListableBeanFactory beanFactory = new DefaultListableBeanFactory();
		beanFactory.registerSingleton(ConfigurableApplicationContext.ENVIRONMENT_BEAN_NAME, environment);
		return beanFactory;
	}

	private record ExcludingSelector(StandardEnvironment environment) implements ImportSelector {

		@Override
		public String[] selectImports(AnnotationMetadata metadata) {
			String excluded = this.environment.getProperty("spring.autoconfigure.exclude");
			return (excluded != null) ? new String[0] : new String[] { "dev.fanout.Imported" };
		}

	}

	/** A condition that looks its properties up, as {@code @ConditionalOnProperty} does. */
	private record PropertyCondition(StandardEnvironment environment, String... names) implements Condition {

		@Override
		public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
			boolean matches = true;
			for (String name : this.names) {
				matches &= this.environment.getProperty(name) != null;
			}
			return matches;
		}

	}

}
