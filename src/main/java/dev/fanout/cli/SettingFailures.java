package dev.fanout.cli;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.IterableConfigurationPropertySource;
import org.springframework.core.ResolvableType;
import org.springframework.core.convert.ConversionFailedException;
import org.springframework.core.convert.ConverterNotFoundException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.Causes;
import dev.fanout.core.InvalidSetting;
import dev.fanout.core.SettingOrigins;
import dev.fanout.schedule.ScheduleProperties;

/**
 * A setting that Spring Boot could not bind ({@code --fanout.factorize.chunk-size=abc}) or convert where code reads it
 * from the environment ({@code --server.port=abc}, which a condition reads as a number), or that was refused as it was
 * bound ({@link InvalidSetting}, a Bean Validation constraint), as one line: the setting, its environment variable, the
 * value as given (where it was given, unless on the command line) and what it takes. Boot's own failure names the
 * setting in the log only, and the cause it wraps ({@code For input string: "abc"}) names nothing.
 */
final class SettingFailures {

	/** The message of {@code Enum.valueOf}'s refusal: the enum's class and the constant it was asked for. */
	private static final Pattern NO_ENUM_CONSTANT = Pattern.compile("No enum constant ([\\w.$]+)\\.(\\w+)");

	/** Settings whose values are never printed, as Boot's sanitizer hides them. */
	private static final List<String> SECRETS = List.of("password", "secret", "key", "token", "credentials");

	private SettingFailures() {
	}

	/** The line after {@code fanout: }, if the failure is a setting's. */
	static Optional<String> describe(Throwable failure, @Nullable Environment environment) {
		List<Throwable> chain = Causes.of(failure);
		for (Throwable cause : chain) {
			if (cause instanceof InvalidSetting invalid) {
				ConfigurationProperty given = given(invalid.property(), environment);
				// Not in the environment: a default (orphan-timeout's, refused beside a longer heartbeat).
				String bound = "'%s'%s".formatted(invalid.value(),
						(given == null && environment != null) ? " (its default)" : "");
				return Optional.of(line(invalid.property(), given, bound, invalid.expected()));
			}
			if (cause instanceof BindValidationException validation) {
				return validation.getValidationErrors().getAllErrors().stream().findFirst().map((error) -> {
					String property = property(validation.getValidationErrors().getName(), error);
					ConfigurationProperty given = validation.getValidationErrors().getBoundProperties().stream()
						.filter((bound) -> bound.getName().toString().equals(property))
						.findFirst()
						.orElse(null);
					Object rejected = (error instanceof FieldError field) ? field.getRejectedValue() : null;
					return line(property, given, "'%s'".formatted(rejected), String.valueOf(error.getDefaultMessage()));
				});
			}
		}
		for (int i = 0; i < chain.size(); i++) {
			if (chain.get(i) instanceof InvalidConfigurationPropertyValueException invalid) {
				// Read with Environment.getProperty(name, type) (a condition reads server.port so), not bound: Boot
				// wraps it in the ConversionFailedException that names the type.
				String expected = (i > 0 && chain.get(i - 1) instanceof ConversionFailedException conversion)
						? expected(conversion.getTargetType().getType(), null, invalid.getCause())
						: "a valid value (" + invalid.getReason() + ")";
				return Optional.of(line(invalid.getName(), given(invalid.getName(), environment),
						"'%s'".formatted(invalid.getValue()), expected));
			}
			if (chain.get(i) instanceof BindException bind) {
				String property = bind.getName().toString();
				ResolvableType target = bind.getTarget().getType();
				String shape = (bind.getCause() instanceof ConverterNotFoundException) ? shape(property, target) : null;
				ConfigurationProperty given = (bind.getProperty() != null) ? bind.getProperty()
						: given(property, environment);
				if (shape != null && given != null) {
					// One value where settings under it are expected (an element of a list, bound from its value).
					return Optional.of(line(property, given, null, shape));
				}
				if (bind.getProperty() == null) {
					// Refused by the properties' own code, not as an InvalidSetting: their message is all there is.
					return Optional.of("settings %s.* could not be read: %s".formatted(property,
							ReadableFailures.describe(bind.getCause())));
				}
				return Optional.of(line(property, bind.getProperty(), null, expected(target.resolve(Object.class),
						bind.getTarget().getAnnotation(DefaultValue.class), bind.getCause())));
			}
		}
		return chain.stream().map((cause) -> enumConstant(cause, environment)).flatMap(Optional::stream).findFirst();
	}

	/**
	 * A condition that reads a setting as an enum itself ({@code --spring.batch.jdbc.initialize-schema=sometimes}:
	 * Boot's own {@code valueOf}) fails naming the enum and the value, not the setting: the setting is the one the
	 * environment gives that value, when exactly one does.
	 */
	private static Optional<String> enumConstant(Throwable cause, @Nullable Environment environment) {
		Matcher refused = (cause instanceof IllegalArgumentException && cause.getMessage() != null)
				? NO_ENUM_CONSTANT.matcher(cause.getMessage()) : null;
		if (refused == null || !refused.matches() || !(environment instanceof ConfigurableEnvironment configurable)) {
			return Optional.empty();
		}
		Class<?> type;
		try {
			type = Class.forName(refused.group(1), false, SettingFailures.class.getClassLoader());
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return Optional.empty();
		}
		if (!type.isEnum()) {
			return Optional.empty();
		}
		String constant = refused.group(2);
		List<ConfigurationProperty> given = new ArrayList<>();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			if (source instanceof IterableConfigurationPropertySource names) {
				names.stream()
					.map(source::getConfigurationProperty)
					.filter((property) -> property != null && property.getValue() != null && String
						.valueOf(property.getValue()).trim().replace('-', '_').toUpperCase(Locale.ROOT).equals(constant))
					.filter((property) -> given.stream().noneMatch((other) -> other.getName().equals(property.getName())))
					.forEach(given::add);
			}
		}
		if (given.size() != 1) {
			return Optional.empty();
		}
		ConfigurationProperty setting = given.get(0);
		return Optional.of(line(setting.getName().toString(), setting, null, expected(type, null, cause)));
	}

	/** The name by which the environment gives the setting: {@code FANOUT_FACTORIZE_CHUNK_SIZE}. */
	static String environmentVariable(String property) {
		return property.replace("[", "_").replace("]", "").replace('.', '_').replace('-', '_')
			.toUpperCase(Locale.ROOT);
	}

	/**
	 * {@code setting fanout.x (env FANOUT_X) is 'abc' in config/application.yml line 3: expected a whole number}; the
	 * value as given when the environment has it, else {@code fallback}.
	 */
	private static String line(String property, @Nullable ConfigurationProperty given, @Nullable String fallback,
			String expected) {
		String value = (given != null) ? "'%s'".formatted(given.getValue()) : fallback;
		String shown = secret(property) ? "(hidden)" : value;
		String where = (given != null) ? SettingOrigins.where(given.getOrigin()) : "";
		String as = (value == null) ? "" : " is " + shown;
		return "setting %s (env %s)%s%s: expected %s".formatted(property, environmentVariable(property), as, where,
				expected);
	}

	/** The setting as the environment gives it, with where from (a file, the environment), if it does. */
	private static @Nullable ConfigurationProperty given(String property, @Nullable Environment environment) {
		if (!(environment instanceof ConfigurableEnvironment configurable)
				|| !ConfigurationPropertyName.isValid(property)) {
			return null;
		}
		ConfigurationPropertyName name = ConfigurationPropertyName.of(property);
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(configurable)) {
			ConfigurationProperty found = source.getConfigurationProperty(name);
			if (found != null) {
				return found;
			}
		}
		return null;
	}

	private static String property(ConfigurationPropertyName prefix, ObjectError error) {
		return (error instanceof FieldError field)
				? prefix.append(DataObjectPropertyName.toDashedForm(field.getField())).toString() : prefix.toString();
	}

	/**
	 * What a setting made of settings under it looks like, for one given a single value ({@code fanout.schedules:
	 * hello}), which no converter turns into a list or a map; null for another type. Boot's words name the Java type.
	 */
	private static @Nullable String shape(String property, ResolvableType type) {
		Class<?> raw = type.resolve(Object.class);
		if (Collection.class.isAssignableFrom(raw)
				&& type.asCollection().getGeneric(0).resolve() == ScheduleProperties.class) {
			return ScheduleProperties.LIST;
		}
		if (raw == ScheduleProperties.class) {
			return ScheduleProperties.ENTRY;
		}
		if (Map.class.isAssignableFrom(raw)) {
			return ("names with a value each, under it, not one value (e.g. %s.NAME=VALUE on the command line, or "
					+ "'NAME: VALUE' lines indented under it in YAML)").formatted(property);
		}
		if (raw.isRecord()) {
			return "settings under it, not one value (e.g. %s.NAME=VALUE)".formatted(property);
		}
		if (Collection.class.isAssignableFrom(raw)) {
			return "a list of entries under it, not one value (e.g. %s[0].NAME=VALUE)".formatted(property);
		}
		return null;
	}

	/** What a value of the type looks like, and its default when it has one. */
	private static String expected(Class<?> type, @Nullable DefaultValue defaults, @Nullable Throwable cause) {
		String kind;
		if (List.of(int.class, long.class, short.class, Integer.class, Long.class, Short.class).contains(type)) {
			kind = "a whole number";
		}
		else if (List.of(double.class, float.class, Double.class, Float.class).contains(type)) {
			kind = "a number";
		}
		else if (type == Duration.class) {
			kind = "a duration such as 500ms, 30s, 2m or 1h";
		}
		else if (type == DataSize.class) {
			kind = "a size such as 512KB, 20MB or 1GB";
		}
		else if (type == boolean.class || type == Boolean.class) {
			kind = "true or false";
		}
		else if (type.isEnum()) {
			kind = "one of " + Arrays.stream(type.getEnumConstants())
				.map((constant) -> ((Enum<?>) constant).name().toLowerCase(Locale.ROOT).replace('_', '-'))
				.collect(Collectors.joining(", "));
		}
		else {
			kind = "a value it can read as %s (%s)".formatted(type.getSimpleName(),
					(cause != null) ? ReadableFailures.describe(cause) : "no reason given");
		}
		return (defaults != null && defaults.value().length > 0)
				? kind + " (default " + String.join(",", defaults.value()) + ")" : kind;
	}

	private static boolean secret(String property) {
		String last = property.substring(property.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
		return SECRETS.stream().anyMatch(last::endsWith);
	}

}
