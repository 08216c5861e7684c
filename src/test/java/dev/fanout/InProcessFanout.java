package dev.fanout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.cli.FanoutCommandLine;

/**
 * Fanout's CLI in the test JVM, on a data directory and with settings of its own ({@code --name=value}, as an
 * operator would give them): an application context started as {@code main} starts it, for settings a shared test
 * context cannot vary. Close it to release the repository, e.g. before a separate process uses it.
 */
public final class InProcessFanout implements AutoCloseable {

	private final ConfigurableApplicationContext context;

	public InProcessFanout(Path dataDir, List<String> settings) {
		List<String> args = new ArrayList<>(List.of("--fanout.data-dir=" + dataDir));
		args.addAll(settings);
		this.context = new SpringApplicationBuilder(FanoutApplication.class).run(args.toArray(String[]::new));
	}

	/** Runs one command, as {@code main} would after start-up. */
	public CommandResult run(String... args) {
		return CommandResult.of(this.context.getBean(FanoutCommandLine.class), args);
	}

	public <T> T bean(Class<T> type) {
		return this.context.getBean(type);
	}

	@Override
	public void close() {
		this.context.close();
	}

}
