package dev.fanout.core;

import java.io.IOException;

import org.jspecify.annotations.Nullable;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.SystemEnvironmentOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.SimpleCommandLinePropertySource;

/**
 * Where a setting's value was given, in an operator's words, from the {@link Origin} Spring Boot keeps for it: a file
 * and line, an environment variable, the command line, another property source by its name.
 */
public final class SettingOrigins {

	private SettingOrigins() {
	}

	/**
	 * {@code  in /srv/config/application.yml line 3}, {@code  in the environment (FANOUT_X)}, {@code  (from NAME)};
	 * empty for the command line, where the operator has just typed the value, and for no origin.
	 */
	public static String where(@Nullable Origin origin) {
		return describe(origin, true, "");
	}

	/**
	 * Where a group of settings was given, for a message about them all: {@code  on the command line},
	 * {@code  in /srv/config/application.yml} (no line: they span several), {@code  in the environment (FANOUT_X)},
	 * {@code  (from NAME)}; empty for no origin.
	 */
	public static String source(@Nullable Origin origin) {
		return describe(origin, false, " on the command line");
	}

	private static String describe(@Nullable Origin origin, boolean line, String commandLine) {
		if (origin instanceof PropertySourceOrigin source) {
			String name = source.getPropertySource().getName();
			Origin within = source.getOrigin();
			if (SimpleCommandLinePropertySource.COMMAND_LINE_PROPERTY_SOURCE_NAME.equals(name)) {
				return commandLine;
			}
			return (within != null && within != source) ? describe(within, line, commandLine) : " (from " + name + ")";
		}
		if (origin instanceof SystemEnvironmentOrigin environment) {
			return " in the environment (" + environment.getProperty() + ")";
		}
		if (origin instanceof TextResourceOrigin text) {
			String file;
			try {
				file = text.getResource().isFile() ? text.getResource().getFile().toString()
						: text.getResource().getDescription();
			}
			catch (IOException ex) {
				file = text.getResource().getDescription();
			}
			return " in " + file
					+ ((line && text.getLocation() != null) ? " line " + (text.getLocation().getLine() + 1) : "");
		}
		return (origin != null) ? " (" + origin + ")" : "";
	}

}
