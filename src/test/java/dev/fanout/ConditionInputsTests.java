package dev.fanout;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConditionInputsTests {

	private static final ConditionInputs BUILD_TIME = ConditionInputs.of(
			List.of("spring.main.web-application-type", "spring.datasource.url"),
			new MockEnvironment().withProperty("spring.main.web-application-type", "none"));

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

	@Test
	void keepsNoValueThatTheBuildSawOnlyItsDigest() {
		String url = "jdbc:postgresql://db.example/fanout?user=fanout&password=s3cret";
		ConditionInputs inputs = ConditionInputs.of(List.of("spring.datasource.url"),
				new MockEnvironment().withProperty("spring.datasource.url", url));

		assertThat(inputs.write()).contains("set.spring.datasource.url=").doesNotContain("s3cret", "db.example");
		assertThat(inputs.agreeWith(new MockEnvironment().withProperty("spring.datasource.url", url))).isTrue();
		assertThat(inputs.agreeWith(new MockEnvironment().withProperty("spring.datasource.url", url + "x"))).isFalse();
	}

}
