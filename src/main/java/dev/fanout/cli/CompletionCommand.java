package dev.fanout.cli;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.ExitCodes;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "completion", mixinStandardHelpOptions = true,
		description = { "Print a completion script for bash (and zsh with bashcompinit): commands, their options, "
				+ "the subcommands of bench and the job names of run.",
				"Install it once, e.g.: fanout completion > ~/.local/share/bash-completion/completions/fanout" })
class CompletionCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().getOut().print(AutoComplete.bash("fanout", this.spec.root().commandLine()));
		return ExitCodes.OK;
	}

}
