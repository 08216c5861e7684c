package dev.fanout;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When a start uses the context generated at build time. The build (process-classes) wrote this build's
 * {@link ConditionInputs} into target/classes, where the tests' class loader finds them.
 */
class GeneratedContextTests {

	/** A class of the application's class loader that comes from a jar, as FanoutApplication does in fanout.jar. */
	private static final Class<?> FROM_A_JAR = SpringApplication.class;

	@Test
	void fitsAStartFromAJarWhoseEnvironmentAgreesWithTheBuilds() {
		assertThat(GeneratedContext.fits(buildTimeEnvironment(), FROM_A_JAR)).isTrue();
	}

	@Test
	void doesNotFitAStartThatChangesWhatAConditionReads() {
		MockEnvironment web = buildTimeEnvironment().withProperty("spring.main.web-application-type", "servlet");
		MockEnvironment remote = buildTimeEnvironment().withProperty("fanout.workers", "remote");
		MockEnvironment postgres = buildTimeEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://127.0.0.1:5432/test");

		assertThat(GeneratedContext.fits(web, FROM_A_JAR)).isFalse();
		assertThat(GeneratedContext.fits(remote, FROM_A_JAR)).isFalse();
		assertThat(GeneratedContext.fits(postgres, FROM_A_JAR)).isFalse();
	}

	@Test
	void isNotUsedWhereTheOperatorTurnedItOff() {
		MockEnvironment off = buildTimeEnvironment().withProperty("fanout.generated-context", "false");

		assertThat(GeneratedContext.fits(off, FROM_A_JAR)).isFalse();
	}

	@Test
	void doesNotFitClassesOutsideAJarWhichMayBeNewerThanTheGeneratedOnes() {
		assertThat(FanoutApplication.class.getProtectionDomain().getCodeSource().getLocation().getPath())
			.endsWith("/classes/");

		assertThat(GeneratedContext.fits(buildTimeEnvironment(), FanoutApplication.class)).isFalse();
	}

	@Test
	void knowsTheApplicationsClassesInItsOwnJarOrInBootsJarFromAnyOtherPlace() throws Exception {
		assertThat(GeneratedContext.fromJar(URI.create("file:/opt/fanout/target/fanout-builds/1-2/fanout.jar").toURL()))
			.isTrue();
		assertThat(GeneratedContext
			.fromJar(URI.create("jar:file:/opt/fanout/target/fanout.jar!/BOOT-INF/classes!/").toURL())).isTrue();
		assertThat(GeneratedContext.fromJar(URI.create("file:/opt/fanout/target/classes/").toURL())).isFalse();
		assertThat(GeneratedContext.fromJar(null)).isFalse();
	}

	/**
	 * The environment of the build's processing, as Boot makes it from Fanout's configuration files:
	 * config/application.yml over the built-in application.yml (the build sets no other property that a condition
	 * reads).
	 */
	private static MockEnvironment buildTimeEnvironment() {
		assertThat(ConditionInputs.load(GeneratedContextTests.class.getClassLoader()))
			.as("the build wrote %s", ConditionInputs.RESOURCE)
			.isNotNull();
		MockEnvironment environment = new MockEnvironment();
		try {
			YamlPropertySourceLoader yaml = new YamlPropertySourceLoader();
			for (PropertySource<?> source : yaml.load("config", new FileSystemResource("config/application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
			for (PropertySource<?> source : yaml.load("built-in", new ClassPathResource("application.yml"))) {
				environment.getPropertySources().addLast(source);
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return environment;
	}

}
