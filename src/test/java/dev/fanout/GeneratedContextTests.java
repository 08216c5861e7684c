package dev.fanout;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
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
	void doesNotFitClassesOutsideAJarWhichMayBeNewerThanTheGeneratedOnes() {
		assertThat(FanoutApplication.class.getProtectionDomain().getCodeSource().getLocation().getPath())
			.endsWith("/classes/");

		assertThat(GeneratedContext.fits(buildTimeEnvironment(), FanoutApplication.class)).isFalse();
	}

	@Test
	void knowsTheApplicationsClassesInItsOwnJarOrInBootsJarFromAnyOtherPlace() throws Exception {
		assertThat(GeneratedContext.fromJar(URI.create("file:/opt/fanout/target/fanout-app/fanout.jar").toURL()))
			.isTrue();
		assertThat(GeneratedContext
			.fromJar(URI.create("jar:file:/opt/fanout/target/fanout.jar!/BOOT-INF/classes!/").toURL())).isTrue();
		assertThat(GeneratedContext.fromJar(URI.create("file:/opt/fanout/target/classes/").toURL())).isFalse();
		assertThat(GeneratedContext.fromJar(null)).isFalse();
	}

	/** An environment with the values that this build's conditions saw. */
	private static MockEnvironment buildTimeEnvironment() {
		ConditionInputs inputs = ConditionInputs.load(GeneratedContextTests.class.getClassLoader());
		assertThat(inputs).as("the build wrote %s", ConditionInputs.RESOURCE).isNotNull();
		MockEnvironment environment = new MockEnvironment();
		for (Map.Entry<String, String> input : inputs.values().entrySet()) {
			if (input.getValue() != null) {
				environment.setProperty(input.getKey(), input.getValue());
			}
		}
		return environment;
	}

}
