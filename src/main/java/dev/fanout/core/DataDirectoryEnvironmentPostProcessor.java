package dev.fanout.core;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.context.ApplicationListener;
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
 * <p>
 * A data directory that cannot be one (a file, under a file, not writable) is refused as a setting, in two moves as
 * {@link LoggingThresholds} refuses a threshold: no log file while logging starts, then the refusal.
 */
public class DataDirectoryEnvironmentPostProcessor
		implements EnvironmentPostProcessor, ApplicationListener<ApplicationEnvironmentPreparedEvent>, Ordered {

	/** The property source that keeps the log file out of an unusable data directory until it is refused. */
	static final String SET_ASIDE = "fanoutUnusableDataDirectory";


	static final String PROPERTY = "fanout.data-dir";

	static final String DEFAULT = "data";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Path absolute = Path.of(configured(environment)).toAbsolutePath().normalize();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("fanoutDataDirectory", Map.of(PROPERTY, absolute.toString())));
		if (refusal(absolute) != null) {
			// No log file in it while logging starts: the logging system's own error, with its stack trace, was the
			// first thing printed on the terminal ("Not a directory"). Refused once logging has started.
			environment.getPropertySources().addFirst(new MapPropertySource(SET_ASIDE, Map.of("logging.file.name", "")));
		}
	}

	/**
	 * After Boot's logging listener (this one has the lowest precedence), refuses an unusable data directory as a
	 * setting: the start fails with the one line of a bad setting.
	 */
	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		refuseUnusable(event.getEnvironment());
	}

	/**
	 * Throws the refusal of the data directory that {@link #postProcessEnvironment} found unusable, if it did: for
	 * those who prepare an environment as the application does, without its listeners.
	 * @throws InvalidSetting naming the data directory and what is wrong with it
	 */
	public static void refuseUnusable(ConfigurableEnvironment environment) {
		if (environment.getPropertySources().remove(SET_ASIDE) != null) {
			InvalidSetting refusal = refusal(Path.of(environment.getProperty(PROPERTY, DEFAULT)));
			if (refusal != null) {
				throw refusal;
			}
		}
	}

	/** Why the data directory cannot be one (a file, under a file, not writable), or null when it can. */
	static @Nullable InvalidSetting refusal(Path directory) {
		Path existing = directory;
		while (existing != null && !Files.exists(existing)) {
			existing = existing.getParent();
		}
		if (existing == null) {
			return null;
		}
		if (!Files.isDirectory(existing)) {
			return new InvalidSetting(PROPERTY, directory, existing.equals(directory) ? "a directory (it is a file)"
					: "a directory that can be created (%s is a file)".formatted(existing));
		}
		if (!Files.isWritable(existing)) {
			return new InvalidSetting(PROPERTY, directory, existing.equals(directory)
					? "a directory this user may write to (it is not writable)"
					: "a directory this user may create (%s is not writable)".formatted(existing));
		}
		return null;
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
		// After config data (application.yml, config/application.yml) has been loaded; and, as a listener of the
		// prepared environment, after Boot's logging listener.
		return Ordered.LOWEST_PRECEDENCE;
	}

}
