package dev.fanout.repository;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Properties;

import org.jspecify.annotations.Nullable;

import dev.fanout.core.Processes;

/**
 * What a running repository server writes about itself into {@code server.properties}: where it listens (always
 * 127.0.0.1), which process it is, since when, how long it stays up without clients, and which repository it serves.
 *
 * @param directory the repository directory it serves; null in a record written by a server from before it said so
 */
public record ServerRecord(int port, long pid, Instant started, Duration idleTimeout, @Nullable Path directory) {

	/** How long {@link #running} waits for the server to take a connection. */
	private static final Duration REACHABLE_TIMEOUT = Duration.ofSeconds(2);

	/** The URL clients connect to. */
	String jdbcUrl() {
		return "jdbc:h2:tcp://127.0.0.1:" + this.port + "/" + RepositoryFiles.DATABASE;
	}

	/**
	 * Whether its process still runs (a record left by a server killed with kill -9 names a dead one, or one not yet
	 * reaped: {@link Processes}).
	 */
	boolean processAlive() {
		return Processes.running(this.pid).isPresent();
	}

	/**
	 * Whether it takes a connection on its port: the kernel completes one for a stalled server too (stopped, hung),
	 * not for one whose process is ending, which closed its listening socket first (the lowest of its sockets'
	 * descriptors, opened first) before its clients saw their connections end.
	 */
	boolean accepting(Duration timeout) {
		try (Socket probe = new Socket()) {
			probe.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), this.port), (int) timeout.toMillis());
			return true;
		}
		catch (IOException ex) {
			return false;
		}
	}

	void write(RepositoryFiles files) throws IOException {
		Properties properties = new Properties();
		properties.setProperty("port", Integer.toString(this.port));
		properties.setProperty("pid", Long.toString(this.pid));
		properties.setProperty("started", this.started.toString());
		properties.setProperty("idle-timeout", this.idleTimeout.toString());
		if (this.directory != null) {
			properties.setProperty("directory", this.directory.toString());
		}
		files.writePrivate(files.serverRecord(), properties);
	}

	/**
	 * The record of this repository's server, if any. Empty for a record of another repository's server: one copied
	 * with the data directory (a clone, a restored backup) names a server that may still run, serving the original,
	 * and its credentials were copied too. Connecting to it would read and write the other repository.
	 */
	public static Optional<ServerRecord> read(RepositoryFiles files) throws IOException {
		Optional<ServerRecord> record;
		try {
			record = RepositoryFiles.read(files.serverRecord())
				.map((p) -> new ServerRecord(Integer.parseInt(p.getProperty("port")), Long.parseLong(p.getProperty("pid")),
						Instant.parse(p.getProperty("started")), Duration.parse(p.getProperty("idle-timeout")),
						(p.getProperty("directory") != null) ? Path.of(p.getProperty("directory")) : null));
		}
		catch (RuntimeException ex) {
			return Optional.empty(); // unreadable: treated as no server, a new one replaces it
		}
		return record.filter((server) -> server.directory == null || sameDirectory(server.directory, files.directory()));
	}

	/**
	 * The record of this repository's server if that server runs and takes connections: read without starting one,
	 * as commands that only look at it (or ask it to stop) must.
	 */
	public static Optional<ServerRecord> running(RepositoryFiles files) throws IOException {
		return read(files).filter((record) -> record.processAlive() && record.accepting(REACHABLE_TIMEOUT));
	}

	private static boolean sameDirectory(Path recorded, Path directory) {
		try {
			return Files.isSameFile(recorded, directory);
		}
		catch (IOException ex) {
			return false; // the recorded one is gone: not this one
		}
	}

}
