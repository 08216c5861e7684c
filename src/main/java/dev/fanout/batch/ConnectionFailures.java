package dev.fanout.batch;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;

import dev.fanout.core.Causes;

/**
 * Failures to use the job repository's database (it is the only one: a JDBC failure is the repository's): its
 * connection refused or lost, its login or database refused. Told apart from other failures so that operators read
 * what happened and what to check rather than a driver's text: H2's "Database is already closed (... add
 * DB_CLOSE_ON_EXIT=FALSE ...)" gives advice that does not apply to Fanout's repository server.
 */
public final class ConnectionFailures {

	/**
	 * What an exit description or a command says of a connection that was refused or lost. A stalled database is one
	 * of them: a connection gives up waiting for its answer after the network timeout and is then broken, which H2's
	 * client reports as it reports a server that went away ("session closed", without the read timeout as cause).
	 */
	public static final String LOST = "the connection to the job repository was lost (its server stopped, or did not "
			+ "answer within fanout.repository.network-timeout, or the database is out of reach)";

	/** What a command or the API says when no connection to the repository came in time ({@link #noAnswer}). */
	public static final String NO_ANSWER = "the job repository did not answer in time (its server or database is "
			+ "stalled, or every connection is busy)";

	/** How the repository could not be used. */
	public enum Kind {

		/** Not reached, or the connection was lost: its server is down, stalled, or out of reach. */
		UNREACHABLE,

		/** Reached, but the user name or password is wrong: a setting to fix. */
		LOGIN_REFUSED,

		/** Reached, but the URL names a database it does not have: a setting to fix. */
		NO_DATABASE

	}

	private ConnectionFailures() {
	}

	/**
	 * Whether the failure is one of the repository's connection, and how; a refused login or database decides over a
	 * lost connection.
	 */
	public static Optional<Kind> of(Throwable failure) {
		Kind kind = null;
		for (Throwable cause : Causes.of(failure)) {
			String state = (cause instanceof SQLException sql && sql.getSQLState() != null) ? sql.getSQLState() : "";
			if (state.startsWith("28")) {
				return Optional.of(Kind.LOGIN_REFUSED);
			}
			if (state.equals("3D000")) {
				return Optional.of(Kind.NO_DATABASE);
			}
			// SQLState class 08 (PostgreSQL's refused, unknown host, reset) and the JDBC connection exceptions (H2's
			// "session closed", "Database is already closed"); not SQLTransientConnectionException alone, which is
			// also a busy pool's timeout, nor a ConnectException outside JDBC's (a broker's).
			if (state.startsWith("08") || cause instanceof SQLNonTransientConnectionException
					|| cause instanceof SQLRecoverableException) {
				kind = Kind.UNREACHABLE;
			}
		}
		return Optional.ofNullable(kind);
	}

	/**
	 * Whether the pool gave no connection in time ({@code spring.datasource.hikari.connection-timeout}): all of them
	 * busy, or the database stalled, its idle connection found dead only after the network timeout and no new one
	 * answering. Not a statement's own timeout (a lock wait's), which is no {@link SQLTransientConnectionException}.
	 */
	public static boolean noAnswer(Throwable failure) {
		return Causes.find(failure, SQLTransientConnectionException.class).isPresent();
	}

	/** Whether the connection was refused or lost (not a login or a database refused). */
	public static boolean lost(Throwable failure) {
		return of(failure).orElse(null) == Kind.UNREACHABLE;
	}

}
