package dev.fanout.launch;

import java.util.concurrent.Callable;

import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.factorize.FactorizeBenchCommand;
import dev.fanout.images.ImagesBenchCommand;
import dev.fanout.life.LifeBenchCommand;
import dev.fanout.openssl.OpensslBenchCommand;
import dev.fanout.sensors.SensorsBenchCommand;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "bench", mixinStandardHelpOptions = true,
		description = "Measure what a job's concurrency buys: the job at several thread counts against plain Java "
				+ "doing the same work, in one process and one run.",
		subcommands = { FactorizeBenchCommand.class, ImagesBenchCommand.class, LifeBenchCommand.class,
				OpensslBenchCommand.class, SensorsBenchCommand.class })
class BenchCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Override
	public Integer call() {
		this.spec.commandLine().usage(this.spec.commandLine().getErr());
		return ExitCodes.USAGE;
	}

}
