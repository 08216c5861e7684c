package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.core.CommandFailure;

/**
 * Input files given on the command line, taken as the shell user means them: a relative path that exists in the
 * working directory becomes that absolute path (stored so in the parameters, so a restart from anywhere reads the
 * same file); otherwise it stays relative to the data directory, as over the network. An operator at the command
 * line can read any file anyway; only launches over the network (API, dashboard) are confined to the data directory.
 */
final class ShellPaths {

	private ShellPaths() {
	}

	/** The {@code name=value} arguments with the job's relative input files that exist here made absolute. */
	static List<String> resolve(JobDescription<?> job, List<String> arguments, Path workingDirectory, Path dataDir) {
		Set<String> inputs = job.parameters()
			.stream()
			.filter(JobParameterDescription::inputFile)
			.map(JobParameterDescription::name)
			.collect(Collectors.toSet());
		List<String> resolved = new ArrayList<>();
		for (String argument : arguments) {
			int equals = argument.indexOf('=');
			String name = (equals > 0) ? argument.substring(0, equals) : "";
			if (!inputs.contains(name)) {
				resolved.add(argument);
				continue;
			}
			String value = argument.substring(equals + 1);
			Path path = Path.of(value);
			if (path.isAbsolute() || value.isBlank()) {
				resolved.add(argument);
			}
			else if (Files.exists(workingDirectory.resolve(path))) {
				resolved.add(name + "=" + workingDirectory.resolve(path).toAbsolutePath().normalize());
			}
			else if (Files.exists(dataDir.resolve(path))) {
				resolved.add(argument);
			}
			else {
				throw CommandFailure.usage("%s=%s: no such file in the working directory (%s) nor in the data directory "
					.formatted(name, value, workingDirectory.toAbsolutePath()) + "(%s)".formatted(dataDir));
			}
		}
		return resolved;
	}

}
