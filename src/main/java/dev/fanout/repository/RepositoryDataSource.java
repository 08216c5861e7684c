package dev.fanout.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.util.UtilityElf;

import dev.fanout.core.KnownDatabase;

/**
 * The pool of connections to the embedded repository's server. While it is open, this process counts as a client:
 * the server stays up; closing it lets the server stop once idle. It knows its database without connecting (H2, and
 * the state of its connections as the pool's settings make them): a command starts the server only when it first uses
 * the repository.
 */
class RepositoryDataSource extends HikariDataSource implements KnownDatabase {

	private final RepositoryClient client;

	RepositoryDataSource(RepositoryClient client) throws IOException {
		this.client = client;
		client.acquire();
		setDataSource(new ServerConnections(client));
		setPoolName("fanout-repository");
		setExceptionOverride(new StalledConnectionsEvicted(client));
	}

	@Override
	public String databaseProductName() {
		return "H2";
	}

	@Override
	public boolean defaultAutoCommit() {
		return isAutoCommit(); // the pool sets it on every connection it opens
	}

	@Override
	public int defaultTransactionIsolation() {
		// The pool sets the configured level on every connection it opens; else H2's own default applies.
		String configured = getTransactionIsolation();
		return (configured != null) ? UtilityElf.getTransactionIsolation(configured)
				: Connection.TRANSACTION_READ_COMMITTED;
	}

	/**
	 * Evicts a connection H2 reports broken while its server still runs: it gave up waiting for the server's answer
	 * (the network timeout), stalled. Its SQLStates are H2's own (90067, 90121), not the 08 class Hikari evicts on,
	 * so the pool took it back and handed it out again, unchecked while requests came within 0.5 s of each other: an
	 * API kept failing after its stalled repository had come back. A killed server's connections are left to Hikari's
	 * own checks, as before: evicted, they let a run go on with a new server, instead of saying that the server
	 * stopped and how to recover ({@code FanoutProcessTests}), a change of its own to weigh.
	 */
	static final class StalledConnectionsEvicted implements SQLExceptionOverride {

		private final RepositoryClient client;

		StalledConnectionsEvicted(RepositoryClient client) {
			this.client = client;
		}

		@java.lang.Override // Hikari's verdicts are called Override too
		public SQLExceptionOverride.Override adjudicate(SQLException failure) {
			return (failure instanceof SQLNonTransientConnectionException && this.client.serverAlive())
					? SQLExceptionOverride.Override.MUST_EVICT : SQLExceptionOverride.Override.CONTINUE_EVICT;
		}

	}

	@Override
	public void close() {
		boolean wasOpen = !isClosed();
		super.close();
		if (wasOpen) {
			try {
				this.client.release();
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
		}
	}

}
