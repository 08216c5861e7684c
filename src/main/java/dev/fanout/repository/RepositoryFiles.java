package dev.fanout.repository;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Stream;

import dev.fanout.core.AtomicFiles;

/**
 * The files of the embedded H2 job repository, all under {@code <data-dir>/repository}: the database, the credentials
 * generated for it, the record of the server process that hosts it, and the locks that tie that server's life to its
 * clients'. The directory is private to its owner (0700) and so is every file in it (0600).
 */
public record RepositoryFiles(Path directory) {

	/** The database's name: the server maps {@code jdbc:h2:tcp://.../fanout} to {@code fanout.mv.db} here. */
	static final String DATABASE = "fanout";

	private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

	private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");

	public RepositoryFiles {
		directory = directory.toAbsolutePath().normalize();
	}

	public static RepositoryFiles of(Path dataDir) {
		return new RepositoryFiles(dataDir.resolve("repository"));
	}

	/** The database's base path, as H2's file URLs name it (without {@code .mv.db}). */
	Path database() {
		return this.directory.resolve(DATABASE);
	}

	public Path databaseFile() {
		return this.directory.resolve(DATABASE + ".mv.db");
	}

	Path credentials() {
		return this.directory.resolve("credentials.properties");
	}

	Path serverRecord() {
		return this.directory.resolve("server.properties");
	}

	/** Every client process holds a shared lock on it; the server stops only once it can lock it exclusively. */
	Path clientsLock() {
		return this.directory.resolve("clients.lock");
	}

	/** Held exclusively while a client checks for a server and starts one: one server per repository. */
	Path startLock() {
		return this.directory.resolve("start.lock");
	}

	/** Present: the server stops (and compacts the database) as soon as no client uses it. */
	Path stopRequest() {
		return this.directory.resolve("stop.request");
	}

	/**
	 * Asks this repository's server to stop, compacting the database, as soon as no Fanout process uses it, instead
	 * of after its idle timeout. Only for a server that runs: a request left behind would stop the next server that
	 * starts at its first idle moment.
	 */
	public void requestStop() throws IOException {
		Files.writeString(stopRequest(), "");
	}

	/** The server's own log, beside the application's. */
	Path serverLog() {
		return this.directory.resolveSibling("logs").resolve("repository-server.log");
	}

	/** Creates the directory if needed and makes it, and every file in it, private to its owner. */
	void makePrivate() throws IOException {
		Files.createDirectories(this.directory);
		if (!posix()) {
			return;
		}
		Files.setPosixFilePermissions(this.directory, DIRECTORY);
		try (Stream<Path> files = Files.list(this.directory)) {
			for (Path file : files.filter(Files::isRegularFile).toList()) {
				Files.setPosixFilePermissions(file, FILE);
			}
		}
	}

	/** Writes a properties file atomically, readable by its owner only. */
	void writePrivate(Path target, Properties properties) throws IOException {
		try (AtomicFiles.Pending file = AtomicFiles.begin(target)) {
			if (posix()) {
				Files.setPosixFilePermissions(file.temporary(), FILE);
			}
			try (var writer = Files.newBufferedWriter(file.temporary())) {
				properties.store(writer, null);
			}
			file.commit();
		}
	}

	static Optional<Properties> read(Path file) throws IOException {
		if (!Files.isRegularFile(file)) {
			return Optional.empty();
		}
		Properties properties = new Properties();
		try (Reader reader = Files.newBufferedReader(file)) {
			properties.load(reader);
		}
		catch (NoSuchFileException ex) {
			return Optional.empty(); // deleted since the check: a server's record goes as the server stops
		}
		return Optional.of(properties);
	}

	private boolean posix() {
		return Files.getFileAttributeView(this.directory, PosixFileAttributeView.class) != null;
	}

}
