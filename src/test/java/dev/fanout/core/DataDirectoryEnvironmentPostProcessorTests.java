package dev.fanout.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DataDirectoryEnvironmentPostProcessorTests {

	private static final String APPLICATION_YML = "${FANOUT_DATA_DIR:data}";

	@Test
	void anEmptyFanoutDataDirCountsAsUnsetNotAsTheCurrentDirectory() {
		StandardEnvironment environment = environment(Map.of("FANOUT_DATA_DIR", ""), APPLICATION_YML);

		assertThat(dataDir(environment)).isEqualTo(Path.of("data").toAbsolutePath().normalize().toString())
			.isNotEqualTo(Path.of("").toAbsolutePath().toString());
	}

	@Test
	void aBlankSettingGivesWayToTheNextSourceThatHasAValue() {
		StandardEnvironment environment = environment(Map.of("FANOUT_DATA_DIR", "  "), "/srv/fanout");

		assertThat(dataDir(environment)).isEqualTo("/srv/fanout");
	}

	@Test
	void aGivenDirectoryIsMadeAbsoluteAndNormalized() {
		StandardEnvironment environment = environment(Map.of("FANOUT_DATA_DIR", "some/../other"), APPLICATION_YML);

		assertThat(dataDir(environment)).isEqualTo(Path.of("other").toAbsolutePath().toString());
	}

	/** Refused before the log file is opened in it: the logging system printed its stack trace on the terminal. */
	@Test
	void aDataDirectoryThatIsAFileOrUnderOneIsRefusedAsASetting(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("notes.txt"), "not a directory");

		assertThatThrownBy(() -> dataDir(environment(Map.of("FANOUT_DATA_DIR", file.toString()), APPLICATION_YML)))
			.isInstanceOfSatisfying(InvalidSetting.class, (refused) -> {
				assertThat(refused.property()).isEqualTo("fanout.data-dir");
				assertThat(refused.expected()).isEqualTo("a directory (it is a file)");
			});
		assertThatThrownBy(() -> dataDir(environment(Map.of(), file.resolve("sub/dir").toString())))
			.isInstanceOfSatisfying(InvalidSetting.class, (refused) -> assertThat(refused.expected())
				.isEqualTo("a directory that can be created (%s is a file)".formatted(file)));
		assertThat(dataDir(environment(Map.of(), directory.resolve("new/data").toString())))
			.as("one that does not exist yet, under a directory").isEqualTo(directory.resolve("new/data").toString());
	}

	/** The environment variables, then application.yml's fanout.data-dir, as Spring Boot orders them. */
	private static StandardEnvironment environment(Map<String, Object> variables, String applicationYml) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources()
			.addLast(new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
					variables));
		environment.getPropertySources()
			.addLast(new MapPropertySource("application.yml", Map.of("fanout.data-dir", applicationYml)));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	private static String dataDir(StandardEnvironment environment) {
		new DataDirectoryEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		DataDirectoryEnvironmentPostProcessor.refuseUnusable(environment);
		return environment.getProperty("fanout.data-dir");
	}

}
