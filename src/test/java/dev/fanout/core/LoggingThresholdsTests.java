package dev.fanout.core;

import org.junit.jupiter.api.Test;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNoException;

class LoggingThresholdsTests {

	private final LoggingThresholds thresholds = new LoggingThresholds();

	@Test
	void aThresholdThatIsNoLevelIsSetAsideWhileLoggingStartsThenRefusedNamingTheSettingAndTheLevels() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.threshold.console", "loud");

		this.thresholds.postProcessEnvironment(environment, null);
		assertThat(environment.getProperty("logging.threshold.console")).as("while logging starts").isEqualTo("OFF");

		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> prepared(environment)).satisfies((refused) -> {
			assertThat(refused.property()).isEqualTo("logging.threshold.console");
			assertThat(refused.value()).isEqualTo("loud");
			assertThat(refused.expected()).isEqualTo("one of trace, debug, info, warn, error, off");
		});
		assertThat(environment.getProperty("logging.threshold.console")).as("as given, for the message").isEqualTo("loud");
	}

	@Test
	void aFileThresholdThatIsNoLevelLogsAtInfoWhileLoggingStarts() {
		MockEnvironment environment = new MockEnvironment().withProperty("logging.threshold.file", "fatal");

		this.thresholds.postProcessEnvironment(environment, null);

		assertThat(environment.getProperty("logging.threshold.file")).isEqualTo("INFO");
		assertThatExceptionOfType(InvalidSetting.class).isThrownBy(() -> prepared(environment))
			.satisfies((refused) -> assertThat(refused.property()).isEqualTo("logging.threshold.file"));
	}

	@Test
	void everyLevelLogbackKnowsInAnyCaseAndYamlsOffArePassed() {
		for (String level : new String[] { "TRACE", "debug", "Info", "warn", "ERROR", "off", "all", "false", " warn " }) {
			MockEnvironment environment = new MockEnvironment().withProperty("logging.threshold.console", level)
				.withProperty("logging.threshold.file", level);
			this.thresholds.postProcessEnvironment(environment, null);
			assertThatNoException().as(level).isThrownBy(() -> prepared(environment));
			assertThat(environment.getProperty("logging.threshold.console")).isEqualTo(level);
		}
		assertThatNoException().isThrownBy(() -> prepared(new MockEnvironment()));
	}

	@Test
	void bootFindsItAsAPostProcessorAndAsAListener() {
		assertThat(SpringFactoriesLoader.loadFactoryNames(EnvironmentPostProcessor.class, null))
			.contains(LoggingThresholds.class.getName());
		assertThat(new SpringApplication().getListeners()).hasAtLeastOneElementOfType(LoggingThresholds.class);
	}

	private void prepared(MockEnvironment environment) {
		this.thresholds.onApplicationEvent(new ApplicationEnvironmentPreparedEvent(null, new SpringApplication(),
				new String[0], environment));
	}

}
