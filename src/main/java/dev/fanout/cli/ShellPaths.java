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
 * Input files given on the command line, taken as the shell user means them: a relative path names the file in the
 * working directory if there is one, else the one in the data directory, and becomes that file's absolute path, stored
 * so in the parameters: the instance is the file's, whichever directory the command ran in and whichever data
 * directory shares the repository. An operator at the command line can read any file anyway; only launches over the
 * network (API, dashboard) are confined to the data directory.
 */
final class ShellPaths {

	private ShellPaths() {
	}

	/** The {@code name=value} arguments with the job's relative input files made absolute where they were found. */
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
				resolved.add(name + "=" + dataDir.resolve(path).toAbsolutePath().normalize());
			}
			else {
				throw CommandFailure.usage("%s=%s: no such file or directory in the working directory (%s) nor in the data "
					.formatted(name, value, workingDirectory.toAbsolutePath()) + "directory (%s)".formatted(dataDir));
			}
		}
		return resolved;
	}

}
