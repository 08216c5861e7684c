package dev.fanout.repository;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running repository server writes about itself into {@code server.properties}: where it listens (always
 * 127.0.0.1), which process it is, since when, and how long it stays up without clients.
 */
public record ServerRecord(int port, long pid, Instant started, Duration idleTimeout) {

	/** The URL clients connect to. */
	String jdbcUrl() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.port + "/" + RepositoryFiles.DATABASE;
	}

	/** Whether its process still runs (a record left by a server killed with kill -9 names a dead one). */
	boolean processAlive() {
		return ProcessHandle.of(this.pid).map(ProcessHandle::isAlive).orElse(false);
	}

	void write(RepositoryFiles files) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("port", Integer.toString(this.port));
		properties.setProperty("pid", Long.toString(this.pid));
		properties.setProperty("started", this.started.toString());
		properties.setProperty("idle-timeout", this.idleTimeout.toString());
		files.writePrivate(files.serverRecord(), properties);
	}

	public static Optional<ServerRecord> read(RepositoryFiles files) throws IOException {
		try {
			return RepositoryFiles.read(files.serverRecord())
				.map((p) -> new ServerRecord(Integer.parseInt(p.getProperty("port")), Long.parseLong(p.getProperty("pid")),
						Instant.parse(p.getProperty("started")), Duration.parse(p.getProperty("idle-timeout"))));
		}
		catch (RuntimeException ex) {
			return Optional.empty(); // unreadable: treated as no server, a new one replaces it
		}
	}

}
