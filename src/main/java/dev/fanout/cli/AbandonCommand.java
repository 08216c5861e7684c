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
@Command(name = "abandon", mixinStandardHelpOptions = true, description = {
		"Mark a FAILED, STOPPED or UNKNOWN execution ABANDONED: its instance will never be restarted, and a launch with the "
				+ "same parameters is refused." })
class AbandonCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Parameters(index = "0", paramLabel = "EXECUTION_ID", description = "the FAILED, STOPPED or UNKNOWN execution")
	private long executionId;

	private final ExecutionActions actions;

	AbandonCommand(ExecutionActions actions) {
		this.actions = actions;
	}

	@Override
	public Integer call() {
		this.actions.abandon(this.executionId);
		this.spec.commandLine().getOut().println("Execution %d ABANDONED.".formatted(this.executionId));
		return ExitCodes.OK;
	}

}
