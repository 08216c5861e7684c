package dev.fanout.repository;

import java.io.IOException;
import java.io.UncheckedIOException;

import com.zaxxer.hikari.HikariDataSource;

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
