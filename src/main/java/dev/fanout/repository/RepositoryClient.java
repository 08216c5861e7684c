package dev.fanout.repository;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.h2.api.ErrorCode;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.fanout.core.Processes;

/**
 * This JVM's use of one embedded repository: it keeps the repository's server up while it is used here (a shared lock
 * on the clients lock, which the kernel releases when this process ends, kill -9 included), starts the server when
 * none runs, and opens connections to it.
 * <p>
 * One instance per repository and JVM ({@link #of}): POSIX locks belong to the process, so two channels of one JVM on
 * the same lock file would share, and on close drop, each other's locks. What guards what: {@link #users},
 * {@link #clientLock}, {@link #server} and {@link #fileLock} are guarded by {@code this}; the start lock's channel is
 * used under {@code this} only.
 */
public final class RepositoryClient {

	private static final Logger logger = LoggerFactory.getLogger(RepositoryClient.class);

	private static final ConcurrentMap<Path, RepositoryClient> clients = new ConcurrentHashMap<>();

	private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

	/** A loopback connection is taken or refused at once; longer means the server's queue of them is full. */
	private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(1);

	private final RepositoryFiles files;

	private final ServerProcess process;

	/** H2's {@code NETWORK_TIMEOUT} of every connection: the socket's read timeout (SO_TIMEOUT); zero: none. */
	private final Duration networkTimeout;

	private final FileChannel clientsChannel;

	private final FileChannel startChannel;

	private int users;

	private @Nullable FileLock clientLock;

	private @Nullable ServerRecord server;

	/**
	 * The start lock, held while this process reads the database file itself ({@link #openFileIfNoServer}); guarded by
	 * {@code this}.
	 */
	private @Nullable FileLock fileLock;

	private RepositoryClient(RepositoryFiles files, ServerProcess process, Duration networkTimeout) throws IOException {
		this.files = files;
		this.process = process;
		this.networkTimeout = networkTimeout;
		files.makePrivate();
		this.clientsChannel = open(files.clientsLock());
		this.startChannel = open(files.startLock());
	}

	/**
	 * The client of this repository in this JVM; the first call's settings are the ones used.
	 *
	 * @param networkTimeout how long a connection waits for each answer of the server before it fails, broken (the
	 * server is stalled: stopped, frozen); zero: for ever
	 */
	public static RepositoryClient of(RepositoryFiles files, ServerProcess process, Duration networkTimeout) {
		return clients.computeIfAbsent(files.directory(), (directory) -> {
			try {
				return new RepositoryClient(files, process, networkTimeout);
			}
			catch (IOException ex) {
				throw new UncheckedIOException("cannot open " + files.directory() + ": " + ex.getMessage(), ex);
			}
		});
	}

	public RepositoryFiles files() {
		return this.files;
	}

	/** Starts using the repository: its server stays up at least until the matching {@link #release()}. */
	public synchronized void acquire() throws IOException {
		if (this.users++ == 0) {
			this.clientLock = lockShared();
		}
	}

	/** Stops using the repository; when no user in this JVM is left, the server may stop once its idle time passes. */
	public synchronized void release() throws IOException {
		if (--this.users == 0 && this.clientLock != null) {
			this.clientLock.release();
			this.clientLock = null;
			this.server = null;
		}
	}

	/** A new connection to the repository, starting its server first if none runs. */
	public Connection connect() throws SQLException {
		ServerRecord current = server();
		try {
			return connect(current);
		}
		catch (SQLException ex) {
			if (current.processAlive()) {
				throw ex;
			}
			// Its server was killed: start another (its clients lost their connections, not their data).
			synchronized (this) {
				if (this.server == current) {
					this.server = null;
				}
			}
			return connect(server());
		}
	}

	/**
	 * For a short read when no server runs: the database file itself, opened read-only in this process, instead of a
	 * server started for it (a server's start takes longer than a listing). Until {@link #closeFile()}, this process
	 * holds the start lock, so no server starts and opens the file: a command that needs one waits that long, so read,
	 * close, and only then print. Null, with nothing held, when a server runs or the file is in use (a server stopping).
	 * Readers in other processes may read the file at the same time (H2 locks it shared when read-only).
	 */
	public synchronized @Nullable Connection openFileIfNoServer() throws SQLException, IOException {
		checkAcquired();
		if (this.fileLock != null) {
			throw new IllegalStateException("the database file is open in this process already");
		}
		if (this.server != null && this.server.processAlive()) {
			return null;
		}
		// Shared: readers of the file do not wait for each other, only a server's start (exclusive) waits for them.
		FileLock start = this.startChannel.lock(0, Long.MAX_VALUE, true);
		Connection file = null;
		try {
			file = openFileUnlessServed();
		}
		finally {
			if (file == null) {
				start.release();
			}
		}
		if (file != null) {
			this.fileLock = start;
		}
		return file;
	}

	/** Under the start lock: the file opened read-only, or null when a server runs or the file is in use. */
	private @Nullable Connection openFileUnlessServed() throws SQLException, IOException {
		if (runningServer().isPresent()) {
			return null;
		}
		Optional<Credentials> credentials = Credentials.read(this.files);
		if (credentials.isEmpty()) {
			return null;
		}
		try {
			// IFEXISTS: never create a database here; ACCESS_MODE_DATA=r: a shared lock on the file, no write to it.
			return credentials.get()
				.connect("jdbc:h2:file:" + this.files.database() + ";IFEXISTS=TRUE;ACCESS_MODE_DATA=r");
		}
		catch (SQLException ex) {
			if (ex.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
				return null;
			}
			throw ex;
		}
	}

	/** Lets servers start again, after the connection of {@link #openFileIfNoServer()} was closed. */
	public synchronized void closeFile() throws IOException {
		if (this.fileLock != null) {
			this.fileLock.release();
			this.fileLock = null;
		}
	}

	/** The running server, started by this call if there was none. */
	public synchronized ServerRecord server() {
		checkAcquired();
		if (this.fileLock != null) {
			// This channel's start lock is held: locking it again would throw.
			throw new IllegalStateException("close the database file before connecting to a server");
		}
		if (this.server == null || !this.server.processAlive()) {
			this.server = ensureServer();
		}
		return this.server;
	}

	/**
	 * Whether the server this process connects to still runs: a stalled one does, a killed one does not. Its clients'
	 * failures cannot tell (H2 says "session closed" either way), and a killed server's process can look alive for a
	 * while after its connections ended, so the port must take a connection too.
	 */
	synchronized boolean serverAlive() {
		return this.server != null && this.server.processAlive() && this.server.accepting(PROBE_TIMEOUT);
	}

	private void checkAcquired() {
		if (this.users == 0) {
			throw new IllegalStateException("acquire() the repository before connecting to it");
		}
	}

	private Connection connect(ServerRecord record) throws SQLException {
		Credentials credentials;
		try {
			credentials = Credentials.read(this.files)
				.orElseThrow(() -> new SQLException("no credentials in " + this.files.credentials()));
		}
		catch (IOException ex) {
			throw new SQLException("cannot read " + this.files.credentials() + ": " + ex.getMessage(), ex);
		}
		// H2's client has no other bound on a wait for the server: it ignores setNetworkTimeout and isValid's
		// timeout, and a query timeout is enforced by the server, which a stalled server does not do. A server that
		// is stopped (SIGSTOP, a frozen machine) still accepts connections (the kernel does), and answers nothing.
		String timeout = this.networkTimeout.isZero() ? "" : ";NETWORK_TIMEOUT=" + this.networkTimeout.toMillis();
		return credentials.connect(record.jdbcUrl() + timeout);
	}

	/** Under the start lock: the server that runs, or a new one. One server per repository on this machine. */
	private ServerRecord ensureServer() {
		try (FileLock start = this.startChannel.lock()) {
			ServerRecord running = runningServer().orElse(null);
			if (running != null) {
				return running;
			}
			long started = this.process.start(this.files);
			logger.info("Started the repository server (process {}) for {}", started, this.files.directory());
			return awaitRecord(started);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("cannot start the repository server: " + ex.getMessage(), ex);
		}
	}

	/** The record of this repository's server, if that server runs and answers. */
	private Optional<ServerRecord> runningServer() throws IOException {
		return ServerRecord.running(this.files);
	}

	/** Waits for the started server's record: its start (a JVM, then the database) takes a few hundred ms. */
	private ServerRecord awaitRecord(long started) throws IOException {
		Instant deadline = Instant.now().plus(START_TIMEOUT);
		while (Instant.now().isBefore(deadline)) {
			ServerRecord record = ServerRecord.read(this.files).orElse(null);
			if (record != null && record.pid() == started) {
				return record;
			}
			// Not this JVM's child (ServerProcess): a server that exited at once may stay a zombie until init reaps it.
			if (Processes.running(started).isEmpty()) {
				throw new IOException("it exited: " + lastLines());
			}
			pause(Duration.ofMillis(20));
		}
		Processes.running(started).ifPresent(ProcessHandle::destroy);
		throw new IOException("it did not start within %d s: %s".formatted(START_TIMEOUT.toSeconds(), lastLines()));
	}

	/**
	 * The shared lock on the clients lock. The server holds it exclusively only while it stops; then this waits
	 * (saying why when it takes long, e.g. compacting a large database) and the next connection starts a new server.
	 */
	private FileLock lockShared() throws IOException {
		Instant since = Instant.now();
		boolean told = false;
		while (true) {
			FileLock lock = this.clientsChannel.tryLock(0, 1, true);
			if (lock != null) {
				return lock;
			}
			if (!told && Duration.between(since, Instant.now()).toSeconds() >= 2) {
				System.err.println("fanout: waiting for the repository server to finish stopping (it compacts "
						+ this.files.databaseFile() + ")");
				told = true;
			}
			pause(Duration.ofMillis(50));
		}
	}

	private String lastLines() {
		try {
			List<String> lines = Files.exists(this.files.serverLog()) ? Files.readAllLines(this.files.serverLog())
					: List.of();
			return lines.isEmpty() ? "no output (see " + this.files.serverLog() + ")"
					: String.join(" / ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
		}
		catch (IOException ex) {
			return "see " + this.files.serverLog();
		}
	}

	private static FileChannel open(Path lockFile) throws IOException {
		return FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
	}

	private static void pause(Duration duration) throws IOException {
		try {
			Thread.sleep(duration);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IOException("interrupted", ex);
		}
	}

}
