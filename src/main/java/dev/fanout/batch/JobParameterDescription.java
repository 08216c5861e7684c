package dev.fanout.batch;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One parameter a job accepts, as {@code jobs} lists it.
 *
 * @param name the parameter name, as in {@code name=value}
 * @param defaultValue the value used when the parameter is not given, or {@code null} when there is none
 * @param meaning what the parameter does, in one line
 * @param alternative a parameter that replaces this one: when it is given, this one's default is not applied (e.g.
 * {@code numbers=} instead of {@code file=}), or {@code null}
 * @param choices the only values it takes, when they are a fixed set (the dashboard's launch form offers them as a
 * choice); empty when any value its job accepts will do
 * @param inputFile whether it names a file (or a directory) the job reads: from the command line any path (absolute,
 * or as the shell means it), over the network only one inside the data directory; a launch stores its absolute path
 * ({@link JobDescription#storedValues})
 */
public record JobParameterDescription(String name, @Nullable String defaultValue, String meaning,
		@Nullable String alternative, List<String> choices, boolean inputFile) {

	public JobParameterDescription {
		choices = List.copyOf(choices);
	}

	public JobParameterDescription(String name, @Nullable String defaultValue, String meaning,
			@Nullable String alternative) {
		this(name, defaultValue, meaning, alternative, List.of(), false);
	}

	public JobParameterDescription(String name, @Nullable String defaultValue, String meaning) {
		this(name, defaultValue, meaning, null, List.of(), false);
	}

	/** This parameter, taking only one of these values. */
	public JobParameterDescription withChoices(String... values) {
		return new JobParameterDescription(this.name, this.defaultValue, this.meaning, this.alternative,
				List.of(values), this.inputFile);
	}

	/** This parameter, naming a file (or a directory) the job reads. */
	public JobParameterDescription asInputFile() {
		return new JobParameterDescription(this.name, this.defaultValue, this.meaning, this.alternative, this.choices,
				true);
	}

}
