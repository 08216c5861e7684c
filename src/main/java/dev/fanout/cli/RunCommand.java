package dev.fanout.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.FanoutProperties;
import dev.fanout.launch.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "run", mixinStandardHelpOptions = true, description = {
		"Launch a job and wait for it to end. Parameters not given take their defaults ('jobs' lists them).",
		"The same parameters as a FAILED or STOPPED instance restart that instance; as a COMPLETED one, the launch is "
				+ "refused unless --new is given." })
class RunCommand implements Callable<Integer> {

	@ParentCommand
	private FanoutCommand root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "JOB", completionCandidates = JobNames.class,
			description = "the job to run, e.g. factorize")
	private String job;

	@Parameters(index = "1..*", paramLabel = "NAME=VALUE", description = "job parameters, e.g. threads=2")
	private List<String> parameters = new ArrayList<>();

	@Option(names = "--new", description = "start a new instance even if one with these parameters completed")
	private boolean newInstance;

	private final Launcher launcher;

	private final ProgressMonitor monitor;

	private final FanoutProperties fanout;

	RunCommand(Launcher launcher, ProgressMonitor monitor, FanoutProperties fanout) {
		this.launcher = launcher;
		this.monitor = monitor;
		this.fanout = fanout;
	}

	@Override
	public Integer call() {
		Job resolved = this.launcher.job(this.job);
		List<String> given = ShellPaths.resolve(this.launcher.description(this.job), this.parameters,
				Path.of("").toAbsolutePath(), this.fanout.dataDir());
		JobParameters jobParameters = this.launcher.parameters(this.job, given, false);
		JobExecution execution = this.monitor.run(this.job,
				(notices) -> this.newInstance
						? this.launcher.startNew(resolved, jobParameters, Launcher.commandLine(), notices)
						: this.launcher.start(resolved, jobParameters, Launcher.commandLine(), notices),
				this.spec.commandLine().getOut(),
				this.spec.commandLine().getErr(), this.root.terminal);
		return RunReport.print(execution, this.spec.commandLine().getOut());
	}

}
