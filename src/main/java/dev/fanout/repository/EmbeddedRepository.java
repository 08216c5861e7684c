package dev.fanout.repository;

import java.io.IOException;
import java.nio.file.Files;

/**
 * What operators can see of, and ask of, the embedded repository's server: a bean only when the repository is the
 * embedded one (absent on PostgreSQL).
 */
public class EmbeddedRepository {

	private final RepositoryClient client;

	EmbeddedRepository(RepositoryClient client) {
		this.client = client;
	}

	RepositoryClient client() {
		return this.client;
	}

	public RepositoryFiles files() {
		return this.client.files();
	}

	/** The server this process uses. */
	public ServerRecord server() {
		return this.client.server();
	}

	/** The size of the database file, in bytes. */
	public long databaseSize() throws IOException {
		return Files.size(files().databaseFile());
	}

	/**
	 * Asks the server to stop, compacting the database, as soon as no Fanout process uses it (this one included)
	 * instead of after its idle timeout.
	 */
	public void stopWhenIdle() throws IOException {
		files().requestStop();
	}

}
