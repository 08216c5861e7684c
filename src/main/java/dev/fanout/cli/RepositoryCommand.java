package dev.fanout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Scope;
import org.springframework.stereotype.Component;

import dev.fanout.core.CommandFailure;
import dev.fanout.core.DurationText;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.Units;
import dev.fanout.repository.EmbeddedRepository;
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
		"--stop asks it to stop, compacting the database, as soon as no Fanout process uses it." })
class RepositoryCommand implements Callable<Integer> {

	@Spec
	private CommandSpec spec;

	@Option(names = "--stop", description = "stop the server as soon as no Fanout process uses it (this one included)")
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
		PrintWriter out = this.spec.commandLine().getOut();
		ServerRecord server = repository.server();
		Duration up = Duration.between(server.started(), Instant.now());
		out.println("Repository: " + repository.files().databaseFile() + " (" + Units.bytes(repository.databaseSize())
				+ ")");
		out.println("Server:     process %d on 127.0.0.1:%d, up %s; stops %s after the last Fanout process using it "
			.formatted(server.pid(), server.port(), DurationText.format(Duration.ofSeconds(up.toSeconds())),
					DurationText.format(server.idleTimeout()))
				+ "ends (fanout.repository.idle-timeout)");
		if (this.stop) {
			repository.stopWhenIdle();
			out.println("Asked it to stop, compacting the database, as soon as no Fanout process uses it.");
		}
		return ExitCodes.OK;
	}

}
