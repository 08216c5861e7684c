package dev.fanout.system;

import java.nio.file.Path;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@code fanout.data-dir} an absolute, normalized path before anything resolves it: H2 refuses file URLs that
 * are implicitly relative ({@code jdbc:h2:file:data/...}), and the log file, repository and outputs must agree on one
 * directory whatever form the operator typed.
 */
public class DataDirectoryEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY = "fanout.data-dir";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String configured = environment.getProperty(PROPERTY, "data");
		String absolute = Path.of(configured).toAbsolutePath().normalize().toString();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("fanoutDataDirectory", Map.of(PROPERTY, absolute)));
	}

	@Override
	public int getOrder() {
		// After config data (application.yml, config/application.yml) has been loaded.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
