package dev.fanout.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;

@Component
@Scope("prototype")
@Command(name = "jobs", mixinStandardHelpOptions = true,
		description = "List every job with what it does and its parameters (name, default, meaning).")
class JobsCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--json", description = "print JSON for scripts")
	private boolean json;

	private final Launcher launcher;

	private final JsonMapper jsonMapper;

	JobsCommand(Launcher launcher, JsonMapper jsonMapper) {
		this.launcher = launcher;
		this.jsonMapper = jsonMapper;
	}

	/**
	 * A job in {@code jobs --json}: the fields of {@code GET /api/jobs}, each parameter with its type, and whether its
	 * partitions go to {@code fanout worker} processes when workers are remote.
	 */
	record JobJson(String name, String summary, List<ParameterJson> parameters, boolean runsOnWorkers) {

		static JobJson of(JobDescription<?> job) {
			return new JobJson(job.jobName(), job.summary(), job.parameters().stream().map(ParameterJson::of).toList(),
					job.runsOnWorkers());
		}

	}

	/** Where a job runs when workers are remote, as {@code jobs} says it. */
	static String workers(JobDescription<?> job) {
		return job.runsOnWorkers() ? "partitions run on 'fanout worker' processes when fanout.workers=remote"
				: "runs in the manager process, also when fanout.workers=remote";
	}

	/**
	 * A parameter in {@code jobs --json}.
	 * @param type its job parameter type in the repository: {@code string} for all of them, given as
	 * {@code name=value} (see {@link JobDescription})
	 * @param defaultValue the value used when it is not given, or {@code null} (where {@code jobs} prints {@code -})
	 */
	record ParameterJson(String name, String type, @Nullable String defaultValue, String meaning,
			@Nullable String alternative) {

		static ParameterJson of(JobParameterDescription parameter) {
			return new ParameterJson(parameter.name(), "string", parameter.defaultValue(), parameter.meaning(),
					parameter.alternative());
		}

	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		if (this.json) {
			out.println(this.jsonMapper.writerWithDefaultPrettyPrinter()
				.writeValueAsString(this.launcher.descriptions().stream().map(JobJson::of).toList()));
			return ExitCodes.OK;
		}
		for (JobDescription<?> job : this.launcher.descriptions()) {
			out.println(job.jobName() + " - " + job.summary());
			out.println("  (" + workers(job) + ")");
			if (job.parameters().isEmpty()) {
				out.println("  no parameters");
			}
			int width = job.parameters().stream().mapToInt((p) -> p.name().length()).max().orElse(0);
			for (JobParameterDescription parameter : job.parameters()) {
				String defaultValue = (parameter.defaultValue() != null) ? parameter.defaultValue() : "-";
				out.println(("  %-" + width + "s  default %-22s %s").formatted(parameter.name(), defaultValue,
						parameter.meaning()));
			}
			out.println();
		}
		return ExitCodes.OK;
	}

}
