package dev.fanout;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.TreeMap;

import org.jspecify.annotations.Nullable;

import org.springframework.core.env.Environment;

/**
 * The properties that decided which beans the context generated at build time (Spring AOT) holds: every property
 * that a condition, an auto-configuration filter or an import selector read while the build processed the
 * application, with the value it had then. A start may use the generated context only where the environment gives
 * every one of them the same value, for then every condition decides as it did at build time
 * ({@link GeneratedContext}).
 * <p>
 * Kept in the jar as {@value #RESOURCE}; {@link ConditionInputsRecording} records them. Values are kept as SHA-256
 * digests, enough to compare them: a value the build saw (a datasource URL with a password in it, say) never lands in
 * the jar.
 *
 * @param digests each property's value at build time as a SHA-256 digest (hex), {@code null} where it was not set
 */
record ConditionInputs(Map<String, @Nullable String> digests) {

	static final String RESOURCE = "META-INF/fanout/aot-condition-inputs.properties";

	/** Prefixes that tell a property set at build time from one that was not, in {@value #RESOURCE}. */
	private static final String SET = "set.";

	private static final String UNSET = "unset.";

	/** The properties as the environment gives them now. */
	static ConditionInputs of(Iterable<String> names, Environment environment) {
		Map<String, @Nullable String> digests = new TreeMap<>();
		for (String name : names) {
			digests.put(name, digest(environment.getProperty(name)));
		}
		return new ConditionInputs(digests);
	}

	/** The properties recorded at build time, or {@code null} when this build generated no context. */
	static @Nullable ConditionInputs load(ClassLoader classLoader) {
		try (InputStream in = classLoader.getResourceAsStream(RESOURCE)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			Map<String, @Nullable String> digests = new TreeMap<>();
			for (String key : properties.stringPropertyNames()) {
				if (key.startsWith(SET)) {
					digests.put(key.substring(SET.length()), properties.getProperty(key));
				}
				else if (key.startsWith(UNSET)) {
					digests.put(key.substring(UNSET.length()), null);
				}
			}
			return new ConditionInputs(digests);
		}
		catch (IOException ex) {
			return null; // unreadable: start as if no context had been generated
		}
	}

	/** Whether the environment gives every property the value it had at build time. */
	boolean agreeWith(Environment environment) {
		return this.digests.entrySet()
			.stream()
			.allMatch((entry) -> Objects.equals(digest(environment.getProperty(entry.getKey())), entry.getValue()));
	}

	/** The content of {@value #RESOURCE}: a line per property, sorted, so that a build writes it the same each time. */
	String write() {
		Properties properties = new Properties();
		this.digests.forEach((name, digest) -> properties.setProperty((digest != null) ? SET + name : UNSET + name,
				(digest != null) ? digest : ""));
		StringWriter out = new StringWriter();
		try {
			properties.store(out, null);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		// Properties writes a date first; the file names what it holds instead.
		List<String> lines = out.toString().lines().filter((line) -> !line.startsWith("#")).sorted().toList();
		return "# Properties read by conditions while the build generated the context: SHA-256 of their values then\n"
				+ String.join("\n", lines) + "\n";
	}

	private static @Nullable String digest(@Nullable String value) {
		if (value == null) {
			return null;
		}
		try {
			return HexFormat.of()
				.formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex); // every JDK has SHA-256
		}
	}

}
