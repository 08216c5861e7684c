package dev.fanout.core;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Refuses a {@code logging.threshold.console} or {@code logging.threshold.file} that is no log level. Boot hands the
 * value to Logback as it is, and Logback reads a level it does not know as DEBUG: a typo such as {@code loud} put
 * every debug line of every library on the console (or into the log file), silently.
 * <p>
 * In two moves, so that the refusal is the one line of a bad setting and not a stack trace on the console. As an
 * environment post-processor, before logging starts, it sets each such threshold aside for a safe one (the console
 * off, the file at INFO), so that the start's failure is logged to the file as any other; as an application
 * listener, after Boot has started logging (its listener comes first: this one has the lowest precedence), it puts the
 * operator's value back and refuses it.
 */
public class LoggingThresholds implements EnvironmentPostProcessor, ApplicationListener<ApplicationEnvironmentPreparedEvent>,
		Ordered {

	/** Logback's levels, and {@code false}: what YAML makes of an unquoted {@code OFF}, which Boot reads as OFF. */
	private static final List<String> LEVELS = List.of("all", "trace", "debug", "info", "warn", "error", "off",
			"false");

	/** Each threshold, and what stands in for a refused one while logging starts. */
	private static final Map<String, String> SAFE = Map.of("logging.threshold.console", "OFF",
			"logging.threshold.file", "INFO");

	/** The property source of the stand-ins, first in the environment until the refusal. */
	static final String SET_ASIDE = "fanoutRefusedLoggingThresholds";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Map<String, Object> standIns = new LinkedHashMap<>();
		SAFE.keySet().stream().sorted().forEach((setting) -> {
			String value = environment.getProperty(setting);
			if (value != null && !LEVELS.contains(value.trim().toLowerCase(Locale.ROOT))) {
				standIns.put(setting, SAFE.get(setting));
			}
		});
		if (!standIns.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(SET_ASIDE, standIns));
		}
	}

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		ConfigurableEnvironment environment = event.getEnvironment();
		PropertySource<?> setAside = environment.getPropertySources().remove(SET_ASIDE);
		if (setAside instanceof MapPropertySource standIns) {
			String setting = standIns.getPropertyNames()[0];
			throw new InvalidSetting(setting, String.valueOf(environment.getProperty(setting)),
					"one of trace, debug, info, warn, error, off");
		}
	}

	@Override
	public int getOrder() {
		// Last of the post-processors (after config data: a threshold in application.yml is checked too), and last
		// of the listeners of the prepared environment (after Boot's logging listener).
		return Ordered.LOWEST_PRECEDENCE;
	}

}
