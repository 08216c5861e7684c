package dev.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The properties that decided which beans the context generated at build time (Spring AOT, {@code process-aot})
 * holds: every property that a condition or an auto-configuration filter read while the build processed the
 * application, with the value it had then ({@code null}: not set). A start may use the generated context only where
 * the environment gives every one of them the same value, for then every condition decides as it did at build time
 * ({@link GeneratedContext}).
 * <p>
 * Kept in the jar as {@value #RESOURCE}; {@link ConditionInputsRecording} records them.
 *
 * @param values each property's value at build time, {@code null} where it was not set
 */
record ConditionInputs(Map<String, @Nullable String> values) {

	static final String RESOURCE = "META-INF/fanout/aot-condition-inputs.properties";

	/** Prefixes that tell a property set at build time from one that was not, in {@value #RESOURCE}. */
	private static final String SET = "set.";

	private static final String UNSET = "unset.";

	/** The properties as the environment gives them now. */
	static ConditionInputs of(Iterable<String> names, Environment environment) {
		Map<String, @Nullable String> values = new TreeMap<>();
		for (String name : names) {
			values.put(name, environment.getProperty(name));
		}
		return new ConditionInputs(values);
	}

	/** The properties recorded at build time, or {@code null} when this build generated no context. */
	static @Nullable ConditionInputs load(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			Map<String, @Nullable String> values = new TreeMap<>();
			for (String key : properties.stringPropertyNames()) {
				if (key.startsWith(SET)) {
					values.put(key.substring(SET.length()), properties.getProperty(key));
				}
				else if (key.startsWith(UNSET)) {
					values.put(key.substring(UNSET.length()), null);
				}
			}
			return new ConditionInputs(values);
		}
		catch (IOException ex) {
			return null; // unreadable: start as if no context had been generated
		}
	}

	/** Whether the environment gives every property the value it had at build time. */
	boolean agreeWith(Environment environment) {
		return this.values.entrySet()
			.stream()
			.allMatch((entry) -> Objects.equals(environment.getProperty(entry.getKey()), entry.getValue()));
	}

	/** The content of {@value #RESOURCE}. */
	String write() {
		Properties properties = new Properties();
		this.values.forEach((name, value) -> properties.setProperty((value != null) ? SET + name : UNSET + name,
				(value != null) ? value : ""));
		StringWriter out = new StringWriter();
		try {
			properties.store(out, "Properties read by conditions while process-aot ran, with their values then");
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return out.toString();
	}

}
