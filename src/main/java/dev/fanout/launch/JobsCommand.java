package dev.fanout.launch;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "jobs", mixinStandardHelpOptions = true,
		description = "List every job with what it does and its parameters (name, default, meaning).")
class JobsCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	private final Launcher launcher;

	JobsCommand(Launcher launcher) {
		this.launcher = launcher;
	}

	@Override
	public Integer call() {
		PrintWriter out = this.spec.commandLine().getOut();
		for (JobDescription job : this.launcher.descriptions()) {
			out.println(job.jobName() + " - " + job.summary());
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
