package dev.fanout.cli;

import java.util.concurrent.Callable;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.history.ExecutionHistory;
import dev.fanout.launch.Launcher;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "restart", mixinStandardHelpOptions = true,
		description = "Restart a FAILED or STOPPED execution's instance: completed steps and partitions are not redone.")
class RestartCommand implements Callable<Integer> {

	@ParentCommand
	private FanoutCommand root;

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the execution to restart ('history' lists them)")
	private long executionId;

	private final Launcher launcher;

	private final ProgressMonitor monitor;

	private final ExecutionHistory history;

	RestartCommand(Launcher launcher, ProgressMonitor monitor, ExecutionHistory history) {
		this.launcher = launcher;
		this.monitor = monitor;
		this.history = history;
	}

	@Override
	public Integer call() {
		JobExecution execution = this.history.find(this.executionId);
		JobExecution restarted = this.monitor.run(execution.getJobInstance().getJobName(),
				(notices) -> this.launcher.restart(execution, Launcher.commandLine(), notices),
				this.spec.commandLine().getOut(), this.spec.commandLine().getErr(), this.root.terminal);
		return RunReport.print(restarted, this.spec.commandLine().getOut());
	}

}
