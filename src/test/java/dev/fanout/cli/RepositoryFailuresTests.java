package dev.fanout.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.sql.SQLNonTransientConnectionException;
import java.util.concurrent.Callable;

import org.junit.jupiter.api.Test;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.core.ExitCodes;
import picocli.CommandLine;
import picocli.CommandLine.Command;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a command says when it could not use the repository as it ran: it connects when it first uses it, so the
 * embedded repository's server is named with what to do, as at the start.
 */
class RepositoryFailuresTests {

	private static final RuntimeException UNREACHABLE = new DataAccessResourceFailureException("could not connect",
			new SQLNonTransientConnectionException("Connection is broken: \"java.net.SocketTimeoutException: Read "
					+ "timed out\"", "90067"));

	@Test
	void aCommandThatCannotReachTheEmbeddedRepositorysServerNamesItWithWhatToDo() {
		MockEnvironment environment = new MockEnvironment().withProperty("fanout.data-dir", "/srv/fanout");

		StringWriter err = new StringWriter();
		int exitCode = FanoutCommandLine.execute(new CommandLine(new Failing()), new String[0],
				new PrintWriter(new StringWriter()), new PrintWriter(err), environment);

		assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
		assertThat(err.toString()).startsWith("fanout: cannot reach the job repository's server for /srv/fanout/repository ")
			.contains("Read timed out")
			.contains("a server that does not answer is the pid in /srv/fanout/repository/server.properties")
			.doesNotContain("\tat ");
	}

	@Test
	void aCommandThatLostAnotherDatabaseSaysSoAsBefore() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://127.0.0.1:5432/test");

		StringWriter err = new StringWriter();
		int exitCode = FanoutCommandLine.execute(new CommandLine(new Failing()), new String[0],
				new PrintWriter(new StringWriter()), new PrintWriter(err), environment);

		assertThat(exitCode).isEqualTo(ExitCodes.FAILED);
		assertThat(err.toString()).startsWith("fanout: the connection to the job repository was lost")
			.contains("run the command again");
	}

	@Command(name = "failing")
	static final class Failing implements Callable<Integer> {

		@Override
		public Integer call() {
			throw UNREACHABLE;
		}

	}

}
