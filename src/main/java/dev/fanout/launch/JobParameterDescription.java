package dev.fanout.launch;

import org.jspecify.annotations.Nullable;

/**
 * One parameter a job accepts, as {@code jobs} lists it.
 *
 * @param name the parameter name, as in {@code name=value}
 * @param defaultValue the value used when the parameter is not given, or {@code null} when there is none
 * @param meaning what the parameter does, in one line
 */
public record JobParameterDescription(String name, @Nullable String defaultValue, String meaning) {

}
