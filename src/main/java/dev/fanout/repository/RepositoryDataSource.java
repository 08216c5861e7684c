package dev.fanout.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.SQLExceptionOverride;

/**
 * The pool of connections to the embedded repository's server. While it is open, this process counts as a client:
 * the server stays up; closing it lets the server stop once idle.
 */
class RepositoryDataSource extends HikariDataSource {

	private final RepositoryClient client;

	RepositoryDataSource(RepositoryClient client) throws IOException {
		this.client = client;
		client.acquire();
		setDataSource(new ServerConnections(client));
		setPoolName("fanout-repository");
		// A connection H2 reports broken (its session closed: the server went away, or did not answer within the
		// network timeout) is dead for good, but its SQLStates are H2's own (90067, 90121), not the 08 class Hikari
		// evicts on: the pool took it back and handed it out again, unchecked while requests came within 0.5 s of
		// each other, so that an API kept failing after its stalled repository had come back.
		setExceptionOverride(new BrokenConnectionsEvicted());
	}

	/** Evicts the connections H2 reports broken, and leaves the rest to Hikari's own checks. */
	static final class BrokenConnectionsEvicted implements SQLExceptionOverride {

		@java.lang.Override // Hikari's verdicts are called Override too
		public SQLExceptionOverride.Override adjudicate(SQLException failure) {
			return (failure instanceof SQLNonTransientConnectionException) ? SQLExceptionOverride.Override.MUST_EVICT
					: SQLExceptionOverride.Override.CONTINUE_EVICT;
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
