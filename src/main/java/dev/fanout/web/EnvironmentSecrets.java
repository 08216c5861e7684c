package dev.fanout.web;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/**
 * Takes a secret out of the Spring environment once it has been read: every value of the property, in any of its
 * relaxed spellings ({@code fanout.web.operator.password}, {@code FANOUT_WEB_OPERATOR_PASSWORD}...) and of the
 * properties its values refer to by placeholder ({@code ${FANOUT_OPERATOR_PASSWORD:}} in application.yml), in every
 * property source, is replaced by {@link #HIDDEN}. A source whose map can be changed is changed in place (the inlined
 * properties of tests, {@code -D} system properties); any other is replaced by a copy without the secret (the
 * process's environment variables, application.yml, the command line's options).
 * <p>
 * What it cannot reach: the process's own environment ({@code /proc/<pid>/environ}, {@code System.getenv()}) and its
 * command line ({@code ps}, Boot's {@code ApplicationArguments}), which the operating system keeps.
 */
public final class EnvironmentSecrets {

	/** What the environment answers for a hidden property. */
	public static final String HIDDEN = "(hidden)";

	private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^:}$]+)");

	private EnvironmentSecrets() {
	}

	/** Hides the property's values, and those it refers to, in every enumerable source of the environment. */
	public static void hide(ConfigurableEnvironment environment, String property) {
		Set<String> secrets = namesToHide(environment, property);
		for (PropertySource<?> source : environment.getPropertySources()) {
			if (source instanceof EnumerablePropertySource<?> enumerable) {
				Map<String, Object> hidden = new LinkedHashMap<>();
				for (String name : enumerable.getPropertyNames()) {
					if (secrets.contains(relaxed(name))) {
						hidden.put(name, HIDDEN);
					}
				}
				if (!hidden.isEmpty()) {
					hideIn(environment, enumerable, hidden);
				}
			}
		}
	}

	/** The relaxed names of the property and of every property that one of its values refers to, transitively. */
	private static Set<String> namesToHide(ConfigurableEnvironment environment, String property) {
		Set<String> names = new LinkedHashSet<>();
		names.add(relaxed(property));
		boolean more = true;
		while (more) {
			more = false;
			for (PropertySource<?> source : environment.getPropertySources()) {
				if (source instanceof EnumerablePropertySource<?> enumerable) {
					for (String name : enumerable.getPropertyNames()) {
						if (names.contains(relaxed(name)) && enumerable.getProperty(name) instanceof CharSequence value) {
							Matcher placeholder = PLACEHOLDER.matcher(value);
							while (placeholder.find()) {
								more |= names.add(relaxed(placeholder.group(1)));
							}
						}
					}
				}
			}
		}
		return names;
	}

	@SuppressWarnings("unchecked")
	private static void hideIn(ConfigurableEnvironment environment, EnumerablePropertySource<?> source,
			Map<String, Object> hidden) {
		if (source instanceof MapPropertySource map && !(source instanceof SystemEnvironmentPropertySource)) {
			try {
				((Map<String, Object>) map.getSource()).putAll(hidden);
				return;
			}
			catch (UnsupportedOperationException ex) {
				// an unmodifiable map (application.yml): replaced by a copy below
			}
		}
		Map<String, Object> copy = new LinkedHashMap<>();
		for (String name : source.getPropertyNames()) {
			copy.put(name, (source instanceof MapPropertySource map) ? map.getSource().get(name) : source.getProperty(name));
		}
		copy.putAll(hidden);
		PropertySource<?> replacement;
		if (source instanceof SystemEnvironmentPropertySource) {
			// Still a SystemEnvironmentPropertySource: Boot binds SERVER_PORT and the like to server.port through it.
			replacement = new SystemEnvironmentPropertySource(source.getName(), copy);
		}
		else if (source instanceof OriginTrackedMapPropertySource) {
			replacement = new OriginTrackedMapPropertySource(source.getName(), copy, true);
		}
		else {
			replacement = new MapPropertySource(source.getName(), copy);
		}
		environment.getPropertySources().replace(source.getName(), replacement);
	}

	/** A property's name as relaxed binding compares it: case and separators ignored. */
	private static String relaxed(String name) {
		return name.replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT);
	}

}
