package dev.fanout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.DurationText;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.Units;
import dev.fanout.repository.EmbeddedRepository;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerRecord;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Component
@Scope("prototype")
@Command(name = "repository", mixinStandardHelpOptions = true, description = {
		"Show the embedded repository's server: the process that hosts the H2 database for every Fanout process on "
				+ "this machine (started on demand, listening on 127.0.0.1 only, stopping itself when idle).",
		"--stop asks it to stop, compacting the database, as soon as no Fanout process uses it.",
		"Where no server runs, it says so and starts none." })
class RepositoryCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--stop", description = "stop the server, if one runs, as soon as no Fanout process uses it")
	private boolean stop;

	private final ObjectProvider<EmbeddedRepository> embedded;

	RepositoryCommand(ObjectProvider<EmbeddedRepository> embedded) {
		this.embedded = embedded;
	}

	@Override
	public Integer call() throws IOException {
		EmbeddedRepository repository = this.embedded.getIfAvailable();
		if (repository == null) {
			throw CommandFailure.usage("the repository is not the embedded one (spring.datasource.url is set): its "
					+ "database server is not Fanout's");
		}
		// A server runs: this process started one as its context started, if none did (ContextFreeReads answers
		// first, without a context, wherever it can: it starts none).
		print(this.spec.commandLine().getOut(), repository.files(), repository.server(), this.stop);
		return ExitCodes.OK;
	}

	/**
	 * What the command prints, with or without an application context; with {@code stop}, asks a server that runs to
	 * stop.
	 * @param server the repository's server, or null when none runs (then none is started, and none is asked)
	 */
	static void print(PrintWriter out, RepositoryFiles files, @Nullable ServerRecord server, boolean stop)
			throws IOException {
		Path database = files.databaseFile();
		out.println("Repository: " + database + (Files.exists(database)
				? " (" + Units.bytes(Files.size(database)) + ")" : " (not created yet: no command has used it)"));
		if (server == null) {
			out.println("Server:     none runs" + (stop ? "; nothing to stop"
					: "; the next Fanout command that uses the repository starts one"));
			return;
		}
		Duration up = Duration.between(server.started(), Instant.now());
		out.println("Server:     process %d on 127.0.0.1:%d, up %s; stops %s after the last Fanout process using it "
			.formatted(server.pid(), server.port(), DurationText.format(Duration.ofSeconds(up.toSeconds())),
					DurationText.format(server.idleTimeout()))
				+ "ends (fanout.repository.idle-timeout)");
		if (stop) {
			files.requestStop();
			out.println("Asked it to stop, compacting the database, as soon as no Fanout process uses it.");
		}
	}

}
