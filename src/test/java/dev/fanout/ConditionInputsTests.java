package dev.fanout;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionInputsTests {

	private static final ConditionInputs BUILD_TIME = inputs("spring.main.web-application-type", "none",
			"spring.datasource.url", null);

	@Test
	void agreesWithAnEnvironmentThatGivesEveryInputItsBuildTimeValueWhateverElseItSets() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.main.web-application-type", "none")
			.withProperty("fanout.data-dir", "/somewhere/else");

		assertThat(BUILD_TIME.agreeWith(environment)).isTrue();
	}

	@Test
	void disagreesWhenAnInputHasAnotherValueOrOneUnsetAtBuildTimeIsSet() {
		MockEnvironment web = new MockEnvironment().withProperty("spring.main.web-application-type", "servlet");
		MockEnvironment postgres = new MockEnvironment().withProperty("spring.main.web-application-type", "none")
			.withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1/test");
		MockEnvironment unset = new MockEnvironment();

		assertThat(BUILD_TIME.agreeWith(web)).isFalse();
		assertThat(BUILD_TIME.agreeWith(postgres)).isFalse();
		assertThat(BUILD_TIME.agreeWith(unset)).isFalse();
	}

	@Test
	void readsBackWhatItWroteIntoTheJarSetAndUnsetAlike(@TempDir Path classes) throws Exception {
		Path resource = classes.resolve(ConditionInputs.RESOURCE);
		Files.createDirectories(resource.getParent());
		Files.writeString(resource, BUILD_TIME.write());

		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null)) {
			assertThat(ConditionInputs.load(loader)).isEqualTo(BUILD_TIME);
		}
	}

	@Test
	void isAbsentFromABuildThatGeneratedNoContext(@TempDir Path classes) throws Exception {
		try (URLClassLoader loader = new URLClassLoader(new URL[] { classes.toUri().toURL() }, null)) {
			assertThat(ConditionInputs.load(loader)).isNull();
		}
	}

	private static ConditionInputs inputs(String name, @Nullable String value, String otherName,
			@Nullable String otherValue) {
		Map<String, @Nullable String> values = new HashMap<>();
		values.put(name, value);
		values.put(otherName, otherValue);
		return new ConditionInputs(values);
	}

}
