package dev.fanout.core;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Makes {@code fanout.data-dir} an absolute, normalized path before anything resolves it: H2 refuses file URLs that
 * are implicitly relative ({@code jdbc:h2:file:data/...}), and the log file, repository and outputs must agree on one
 * directory whatever form the operator typed.
 * <p>
 * An empty value counts as unset: {@code FANOUT_DATA_DIR=""} (a variable cleared in a script) or
 * {@code --fanout.data-dir=} would otherwise resolve to the current directory and scatter {@code repository/} and
 * {@code logs/} there. The next source that gives a value wins, else the default {@code data}.
 */
public class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "fanout.data-dir";

	static final String DEFAULT = "data";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String absolute = Path.of(configured(environment)).toAbsolutePath().normalize().toString();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("fanoutDataDirectory", Map.of(PROPERTY, absolute)));
	}

	/** The first non-blank value, in the environment's precedence order, placeholders resolved. */
	static String configured(ConfigurableEnvironment environment) {
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (ConfigurationPropertySources.isAttachedConfigurationPropertySource(source)) {
				continue; // a view of all the others, blank values included
			}
			Object value = source.getProperty(PROPERTY);
			if (value != null) {
				// application.yml's ${FANOUT_DATA_DIR:data} resolves to "" when the variable is set but empty.
				String resolved = environment.resolvePlaceholders(value.toString());
				if (!resolved.isBlank()) {
					return resolved;
				}
			}
		}
		return DEFAULT;
	}

	@Override
	public int getOrder() {
		// After config data (application.yml, config/application.yml) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
