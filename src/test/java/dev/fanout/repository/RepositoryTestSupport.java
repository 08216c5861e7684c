package dev.fanout.repository;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.CommandResult;
import dev.fanout.FanoutApplication;
import dev.fanout.cli.FanoutCommandLine;

/** Starts the whole application as {@code main} does, with the given arguments, and runs CLI commands in it. */
final class RepositoryTestSupport {

	private RepositoryTestSupport() {
	}

	static ConfigurableApplicationContext start(String... args) {
		return new SpringApplicationBuilder(FanoutApplication.class).run(args);
	}

	static CommandResult command(ConfigurableApplicationContext context, String... args) {
		return CommandResult.of(context.getBean(FanoutCommandLine.class), args);
	}

}
