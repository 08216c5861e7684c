package dev.fanout.cli;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code fanout bench}: its subcommands are the jobs' {@link dev.fanout.batch.JobBenchmark} beans, {@code all}, and
 * {@code startup} (the start-up time of everyday commands, which is no job's).
 */
@Component
@Scope("prototype")
@Command(name = "bench", mixinStandardHelpOptions = true,
		subcommands = { BenchAllCommand.class, StartupBenchCommand.class },
		description = "Measure what a job's concurrency buys: the job at several thread counts against plain Java "
				+ "doing the same work, in one process and one run.")
class BenchCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	/** Without a benchmark: one line naming them, as for any missing argument ({@link CommandLineMistakes}). */
	@Override
	public Integer call() {
		throw new ParameterException(this.spec.commandLine(), "'%s' needs a benchmark: %s".formatted(
				this.spec.qualifiedName(), String.join(", ", this.spec.subcommands().keySet())));
	}

}
