package dev.fanout.launch;

import java.util.Map;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.CommandFailure;

/**
 * The body of {@code POST /api/jobs/{job}/executions}.
 *
 * @param parameters job parameters by name, as {@code name=value} on the command line; missing ones take their
 * defaults
 * @param newInstance start a fresh instance even if one with these parameters completed ({@code run --new})
 */
public record LaunchRequest(@Nullable Map<String, String> parameters, @Nullable Boolean newInstance) {

	public boolean fresh() {
		return Boolean.TRUE.equals(this.newInstance);
	}

	public Map<String, String> given() {
		if (this.parameters == null) {
			return Map.of();
		}
		this.parameters.forEach((name, value) -> {
			if (value == null) {
				throw CommandFailure.usage("parameter '%s' has no value; leave it out for its default".formatted(name));
			}
		});
		return this.parameters;
	}

}
