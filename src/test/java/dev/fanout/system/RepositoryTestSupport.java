package dev.fanout.system;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.CommandResult;
import dev.fanout.FanoutApplication;
import dev.fanout.launch.FanoutCommandLine;

/** Starts the whole application as {@code main} does, with the given arguments, and runs CLI commands in it. */
final class RepositoryTestSupport {

	private RepositoryTestSupport() {
	}

	static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(FanoutApplication.class).run(args);
	}

	static CommandResult command(ConfigurableApplicationContext context, String... args) {
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		int exitCode = context.getBean(FanoutCommandLine.class)
			.execute(args, new PrintWriter(out), new PrintWriter(err), false);
		return new CommandResult(exitCode, out.toString(), err.toString());
	}

}
