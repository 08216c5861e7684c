package dev.fanout.cli;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.ExitCodes;
import dev.fanout.launch.ExecutionActions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "stop", mixinStandardHelpOptions = true, description = {
		"Ask a running execution to stop. It shows STOPPING, stops at its next chunk or partition boundary and ends "
				+ "STOPPED, ready for 'restart'. Works from another process while the job runs; stopping the chapter "
				+ "stops its running items." })
class StopCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the running execution")
	private long executionId;

	private final ExecutionActions actions;

	StopCommand(ExecutionActions actions) {
		this.actions = actions;
	}

	@Override
	public Integer call() {
		this.actions.stop(this.executionId);
		this.spec.commandLine()
			.getOut()
			.println("Stop requested for execution %d; it stops at its next chunk or partition boundary."
				.formatted(this.executionId));
		return ExitCodes.OK;
	}

}
