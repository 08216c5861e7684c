package dev.fanout.cli;

import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "fanout", mixinStandardHelpOptions = true, versionProvider = FanoutVersion.class,
		description = { "Restartable, observable batch jobs built from classic concurrency recipes.", "",
				"Spring properties go first or anywhere as --name=value, e.g. --fanout.data-dir=/srv/fanout "
						+ "or --spring.profiles.active=postgres." },
		exitCodeListHeading = "%nExit codes:%n",
		exitCodeList = { "0:completed (or the command did what was asked)", "1:the job failed",
				"2:wrong command line, job parameters or settings: nothing launched", "3:the job stopped and can be restarted",
				"4:the repository's state forbids it (already complete, running or orphaned, not restartable)",
				"130/143:a second Ctrl-C or SIGTERM ended a stop at once (the execution is left orphaned)" })
public class FanoutCommand implements Callable<Integer> {

	/**
	 * The subcommands, in the order the usage lists them. {@link FanoutCommandLine} adds them, only the one a command
	 * line names where it can (picocli reads every command's annotations as it adds it).
	 */
	static final List<Class<?>> SUBCOMMANDS = List.of(JobsCommand.class, RunCommand.class, RestartCommand.class,
			StopCommand.class, AbandonCommand.class, RecoverCommand.class, HistoryCommand.class, ShowCommand.class,
			PruneCommand.class, RepositoryCommand.class, SchedulesCommand.class, ServeCommand.class,
			WorkerCommand.class, WorkersCommand.class, BenchCommand.class, CompletionCommand.class,
			CommandLine.HelpCommand.class);

	@Spec
	private CommandSpec spec;

	/**
	 * Whether standard output is an interactive terminal (live progress line) or a log or pipe (plain lines). Set by
	 * {@link FanoutCommandLine} before the command runs, and read by it on the same thread: not shared.
	 */
	boolean terminal;

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return ExitCodes.USAGE;
	}

}
