package dev.fanout.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

import dev.fanout.batch.ConnectionFailures;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.ExitCodes;

/**
 * What a command says when it could not use the job repository ({@link ConnectionFailures}): which repository, and what
 * to check or do next, at the start and when it went away during a run. The repository is named by its URL without
 * user, password or parameters, and no line shows the password.
 */
final class RepositoryFailures {

	private static final String URL = "spring.datasource.url";

	private static final String PASSWORD = "spring.datasource.password";

	private RepositoryFailures() {
	}

	/** The line and exit code of a start that could not use the repository, if that is why it failed. */
	static Optional<StartFailures.StartFailure> atStart(Throwable failure, @Nullable Environment environment) {
		return ConnectionFailures.of(failure).map((kind) -> {
			String detail = scrub(ReadableFailures.describe(failure), environment);
			String url = (environment != null) ? environment.getProperty(URL) : null;
			if (!StringUtils.hasText(url)) {
				// A server that stopped answering (stopped, hung) still runs: no command starts another while it does.
				return new StartFailures.StartFailure(("cannot reach the job repository's server for %s (%s): run the "
						+ "command again, which starts another if it stopped, and if it fails again see %s; a server "
						+ "that does not answer is the pid in %s: kill it, and the next command starts another")
					.formatted(repositoryDirectory(environment), detail, serverLog(environment),
							repositoryDirectory(environment).resolve("server.properties")), ExitCodes.FAILED);
			}
			String repository = "the job repository at " + withoutCredentials(url);
			return switch (kind) {
				case LOGIN_REFUSED -> new StartFailures.StartFailure(("%s refused the login (%s): check "
						+ "spring.datasource.username and spring.datasource.password (env SPRING_DATASOURCE_USERNAME, "
						+ "SPRING_DATASOURCE_PASSWORD)").formatted(repository, detail), ExitCodes.USAGE);
				case NO_DATABASE -> new StartFailures.StartFailure(("%s has no such database (%s): create it, or "
						+ "correct spring.datasource.url (env SPRING_DATASOURCE_URL)").formatted(repository, detail),
						ExitCodes.USAGE);
				case UNREACHABLE -> new StartFailures.StartFailure(("cannot reach %s (%s): check that its database "
						+ "server runs and accepts connections there, or correct spring.datasource.url (env "
						+ "SPRING_DATASOURCE_URL)").formatted(repository, detail), ExitCodes.FAILED);
			};
		});
	}

	/**
	 * What a command says when it could not use the embedded repository's server: as at the start, since a command
	 * connects to it only when it first uses the repository. Empty for another database, which the application
	 * reaches as it starts: a failure there after the start is a connection lost.
	 */
	static Optional<StartFailures.StartFailure> inCommand(Throwable failure, @Nullable Environment environment) {
		return (environment == null || StringUtils.hasText(environment.getProperty(URL))) ? Optional.empty()
				: atStart(failure, environment);
	}

	/**
	 * What a run or restart says when the repository went away while the job ran: Spring Batch could not record the
	 * end of the execution, so it stays running in the repository, orphaned once this process has exited, until it is
	 * recovered.
	 */
	static Optional<String> duringRun(Throwable failure, long executionId, Environment environment) {
		if (ConnectionFailures.of(failure).isEmpty()) {
			return Optional.empty();
		}
		String url = environment.getProperty(URL);
		String lost = StringUtils.hasText(url)
				? "the connection to the job repository at %s was lost during the run".formatted(withoutCredentials(url))
				: "the job repository's server stopped or stopped answering during the run";
		return Optional.of(("%s, so execution %d is left running in the repository: 'fanout recover %2$d' (or 'fanout "
				+ "recover --orphans') marks it FAILED, then 'fanout restart %2$d' resumes it (details in the log file)")
			.formatted(lost, executionId));
	}

	/** The URL without what may hold credentials: user and password before the host, parameters after the path. */
	static String withoutCredentials(String url) {
		String bare = url.split("[?;]", 2)[0];
		bare = bare.replaceAll("//[^/@]*@", "//");
		return bare.replaceAll("(?<=:)[^:/@]+/[^:/@]*@", ""); // Oracle's user/password@host
	}

	/** A line with the configured URL shown without credentials and the password nowhere. */
	static String scrub(String line, @Nullable Environment environment) {
		if (environment == null) {
			return line;
		}
		String scrubbed = line;
		String url = environment.getProperty(URL);
		if (StringUtils.hasText(url)) {
			scrubbed = scrubbed.replace(url, withoutCredentials(url));
		}
		String password = environment.getProperty(PASSWORD);
		if (StringUtils.hasText(password)) {
			// Where it stands as a word of its own: a short password ('x') must not mangle every word that holds it
			// (spring.datasource.hikari.maximum-pool-size).
			scrubbed = scrubbed.replaceAll("(?<![\\p{Alnum}])" + Pattern.quote(password) + "(?![\\p{Alnum}])",
					"***");
		}
		return scrubbed;
	}

	private static Path repositoryDirectory(@Nullable Environment environment) {
		return dataDirectory(environment).resolve("repository");
	}

	private static Path serverLog(@Nullable Environment environment) {
		return dataDirectory(environment).resolve("logs").resolve("repository-server.log");
	}

	private static Path dataDirectory(@Nullable Environment environment) {
		return Path.of((environment != null) ? environment.getProperty("fanout.data-dir", "data") : "data");
	}

}
