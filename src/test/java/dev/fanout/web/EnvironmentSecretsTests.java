package dev.fanout.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operator's password taken out of an environment laid out as Boot lays it out: the command line, inlined
 * properties, environment variables and application.yml, which refers to an environment variable.
 */
class EnvironmentSecretsTests {

	private static final String SECRET = "correct horse battery staple";

	@Test
	void hidesThePasswordInEverySourceAndWhatItRefersToAndKeepsTheRest() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().remove(StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME);
		environment.getPropertySources().addLast(new SimpleCommandLinePropertySource(
				"--fanout.web.operator.password=" + SECRET, "--server.port=8181"));
		environment.getPropertySources().addLast(new MapPropertySource("inlined", new HashMap<>(Map.of(
				"fanout.web.operator.password", SECRET, "fanout.sensors.chunk-size", "5"))));
		environment.getPropertySources().addLast(new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
				"FANOUT_OPERATOR_PASSWORD", SECRET, "FANOUT_WEB_OPERATOR_PASSWORD", SECRET, "SERVER_ADDRESS", "0.0.0.0")));
		environment.getPropertySources().addLast(new OriginTrackedMapPropertySource("application.yml", Map.of(
				"fanout.web.operator.password", "${FANOUT_OPERATOR_PASSWORD:}", "fanout.web.operator.username",
				"operator"), true));
		ConfigurationPropertySources.attach(environment);
		assertThat(environment.getProperty("fanout.web.operator.password")).isEqualTo(SECRET);

		EnvironmentSecrets.hide(environment, "fanout.web.operator.password");

		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				for (String name : enumerable.getPropertyNames()) {
					assertThat(String.valueOf(enumerable.getProperty(name))).as(source.getName() + " " + name)
						.doesNotContain(SECRET);
				}
			}
		}
		assertThat(environment.getProperty("fanout.web.operator.password")).isEqualTo(EnvironmentSecrets.HIDDEN);
		assertThat(environment.getProperty("FANOUT_OPERATOR_PASSWORD")).isEqualTo(EnvironmentSecrets.HIDDEN);
		// Everything else as before, environment variables still bound by their relaxed names.
		assertThat(environment.getProperty("server.port")).isEqualTo("8181");
		assertThat(environment.getProperty("fanout.sensors.chunk-size")).isEqualTo("5");
		assertThat(environment.getProperty("fanout.web.operator.username")).isEqualTo("operator");
		assertThat(Binder.get(environment).bind("server.address", String.class).get()).isEqualTo("0.0.0.0");
		assertThat(environment.getPropertySources().stream().map(PropertySource::getName)).containsExactly(
				"configurationProperties", "commandLineArgs", "inlined", "systemEnvironment", "application.yml");
		assertThat(environment.getPropertySources().get("systemEnvironment")).isInstanceOf(SystemEnvironmentPropertySource.class);
	}

	@Test
	void leavesAnEnvironmentWithoutThePasswordAlone() {
		StandardEnvironment environment = new StandardEnvironment();
		List<PropertySource<?>> before = environment.getPropertySources().stream().toList();

		EnvironmentSecrets.hide(environment, "fanout.web.operator.password.that.nobody.sets");

		assertThat(environment.getPropertySources().stream().toList()).containsExactlyElementsOf(before);
	}

}
