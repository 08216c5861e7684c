package dev.fanout.batch;

import org.jspecify.annotations.Nullable;

/**
 * One parameter a job accepts, as {@code jobs} lists it.
 *
 * @param name the parameter name, as in {@code name=value}
 * @param defaultValue the value used when the parameter is not given, or {@code null} when there is none
 * @param meaning what the parameter does, in one line
 * @param alternative a parameter that replaces this one: when it is given, this one's default is not applied (e.g.
 * {@code numbers=} instead of {@code file=}), or {@code null}
 */
public record JobParameterDescription(String name, @Nullable String defaultValue, String meaning,
		@Nullable String alternative) {

	public JobParameterDescription(String name, @Nullable String defaultValue, String meaning) {
		this(name, defaultValue, meaning, null);
	}

}
