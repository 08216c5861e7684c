package dev.fanout.repository;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.h2.api.ErrorCode;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.h2.mvstore.MVStore;
import org.h2.tools.Server;
import org.jspecify.annotations.Nullable;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The process that hosts an embedded job repository for every Fanout process on this machine: H2's TCP server on
 * 127.0.0.1 only, behind the repository's generated password. Clients start it on demand ({@link RepositoryClient});
 * it belongs to none of them, so no client's exit, kill -9 included, can close the database under the others (as H2's
 * AUTO_SERVER did: the database lived in whichever process opened it first). It stops by itself once no client has
 * held the clients lock for its idle timeout, compacting the database as it closes it.
 * <p>
 * SIGTERM stops it as gracefully as its clients: it goes on serving until the last client has left, for at most its
 * stop grace, then closes the database. A service manager stops every process of a service at once (systemd's
 * default), and a server that closed the database at once left the jobs of a stopping {@code serve} or {@code run}
 * running in the repository, orphaned, as they could no longer record their stop.
 * <p>
 * Spring-free and single-threaded but for H2's own server threads and the shutdown hook. The hook and the watch loop
 * share {@link #closed}, guarded by {@code this} (SIGTERM during a compaction waits for it to end),
 * {@link #terminating} (volatile, written by the hook only) and {@link #watchEnded}.
 */
public final class RepositoryServer {

	/** The hidden first argument that makes {@code FanoutApplication.main} run this instead of the CLI. */
	public static final String COMMAND = "repository-server";

	/** How often it checks for clients; a client never waits for it (it waits only to stop). */
	private static final Duration TICK = Duration.ofMillis(500);

	/** How often it compacts the file while it runs, in ticks. */
	private static final int HOUSEKEEPING_TICKS = 10;

	/**
	 * How long H2 keeps a dead chunk before it reuses its space. Its default, 45 s, sized for the kernel's write-back
	 * (30 s on Linux), let a long run's stream of small commits grow the file by 45 s of writes: a 10-million-number
	 * factorize left 4.27 GB. This server forces the file to disk at every tick after a write instead, so a chunk dead
	 * for 5 s has long been superseded on disk and its space can be reused safely.
	 */
	private static final int RETENTION_MILLIS = 5000;

	/** With WRITE_DELAY=0, H2 runs no background housekeeping: this server rewrites chunks emptier than this. */
	private static final int TARGET_FILL_RATE = 60;

	/** At most this many bytes rewritten per housekeeping round, so that commits never wait long for it. */
	private static final int HOUSEKEEPING_WRITE_LIMIT = 16 << 20;

	private final RepositoryFiles files;

	private final Duration idleTimeout;

	/** How long SIGTERM waits for the clients to leave before it closes the database under them. */
	private final Duration stopGrace;

	private boolean closed;

	/** Set by the shutdown hook (SIGTERM): the watch loop then stops as soon as no client holds the clients lock. */
	private volatile boolean terminating;

	/** Counted down when the watch loop has ended: the shutdown hook waits for it, at most {@link #stopGrace}. */
	private final CountDownLatch watchEnded = new CountDownLatch(1);

	/** The attributes of the server record's file when the watch loop last found it this server's; its thread only. */
	private @Nullable List<Object> currentRecordStamp;

	private RepositoryServer(RepositoryFiles files, Duration idleTimeout, Duration stopGrace) {
		this.files = files;
		this.idleTimeout = idleTimeout;
		this.stopGrace = stopGrace;
	}

	/** {@code repository-server <repository directory> <idle timeout> <stop grace>}, the durations in ISO-8601. */
	public static void main(String[] args) {
		if (args.length != 4 || !args[0].equals(COMMAND)) {
			System.err.println("usage: " + COMMAND + " <repository directory> <idle timeout, e.g. PT60S> "
					+ "<stop grace, e.g. PT60S>");
			System.exit(2);
		}
		// Before any H2 class reads it: listen on loopback only (H2's own default binds every interface).
		System.setProperty("h2.bindAddress", "127.0.0.1");
		// A terminal's Ctrl-C or hang-up goes to the CLI command that started this server, not to the server.
		Signal.handle(new Signal("INT"), SignalHandler.SIG_IGN);
		Signal.handle(new Signal("HUP"), SignalHandler.SIG_IGN);
		RepositoryServer server = new RepositoryServer(new RepositoryFiles(Path.of(args[1])),
				Duration.parse(args[2]), Duration.parse(args[3]));
		try {
			server.serve();
			System.exit(0);
		}
		catch (Exception ex) {
			log("stopped by a failure: " + ex);
			System.exit(1);
		}
	}

	private void serve() throws IOException, SQLException, InterruptedException {
		this.files.makePrivate();
		Connection own = open();
		// The TCP server's own management password (remote shutdown): random, known to nobody.
		byte[] management = new byte[16];
		new SecureRandom().nextBytes(management);
		Server tcp = Server
			.createTcpServer("-tcpPort", "0", "-baseDir", this.files.directory().toString(), "-ifExists",
					"-tcpPassword", HexFormat.of().formatHex(management))
			.start();
		this.files.makePrivate(); // the files H2 has just created
		ServerRecord record = new ServerRecord(tcp.getPort(), ProcessHandle.current().pid(), Instant.now(),
				this.idleTimeout, this.files.directory().toAbsolutePath());
		// Said before the record tells clients where it is: a client that has used it finds the line in the log.
		log("serving %s on 127.0.0.1:%d (process %d); stops after %s without clients".formatted(
				this.files.databaseFile(), record.port(), record.pid(), this.idleTimeout));
		record.write(this.files);
		Runtime.getRuntime().addShutdownHook(new Thread(() -> terminate(tcp, own, record)));
		try (FileChannel clients = FileChannel.open(this.files.clientsLock(), StandardOpenOption.CREATE,
				StandardOpenOption.READ, StandardOpenOption.WRITE)) {
			// Compacting writes a new file and renames it into place: never into a directory that is no longer ours.
			// Nor after SIGTERM: a service manager's stop waits for it.
			boolean compact = watch(clients, record, own);
			close(tcp, own, record, compact && !this.terminating);
		}
		finally {
			this.watchEnded.countDown();
		}
	}

	/**
	 * SIGTERM: serves on until the watch loop finds no client and closes the database, or until the stop grace has
	 * passed, then closes it without compacting, clients or not.
	 */
	private void terminate(Server tcp, Connection own, ServerRecord record) {
		if (this.watchEnded.getCount() == 0) {
			return; // the exit of a server that stopped by itself (idle, asked, replaced): closed already
		}
		this.terminating = true;
		log("SIGTERM: serving until the last client has left, for at most %s, then closing".formatted(this.stopGrace));
		try {
			if (!this.watchEnded.await(this.stopGrace.toMillis(), TimeUnit.MILLISECONDS)) {
				log("clients still connected after %s: closing anyway".formatted(this.stopGrace));
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		close(tcp, own, record, false);
	}

	/**
	 * Returns once no client has held the clients lock for the idle timeout (or at once when a stop is asked): true,
	 * holding the lock; or false when the repository's files were deleted or replaced under this server.
	 */
	private boolean watch(FileChannel clients, ServerRecord record, Connection own)
			throws IOException, InterruptedException {
		MVStore store = ((SessionLocal) ((JdbcConnection) own).getSession()).getDatabase().getStore().getMvStore();
		Instant idleSince = null;
		// Each commit stores a new version; an idle server's ticks only look for clients.
		StoreUpkeep upkeep = new StoreUpkeep(store.getCurrentVersion(), HOUSEKEEPING_TICKS);
		for (long tick = 1;; tick++) {
			Thread.sleep(TICK);
			if (upkeep.compactDue(tick, store.getCurrentVersion())) {
				store.compact(TARGET_FILL_RATE, HOUSEKEEPING_WRITE_LIMIT);
				upkeep.compacted(store.getCurrentVersion());
			}
			if (upkeep.syncDue(store.getCurrentVersion())) {
				store.sync();
			}
			if (!stillCurrent(record)) {
				log("another server's record replaced this one's (the repository was deleted or moved): stopping");
				return false;
			}
			FileLock lock = clients.tryLock(0, 1, false);
			if (lock == null) {
				idleSince = null;
				continue;
			}
			Instant now = Instant.now();
			idleSince = (idleSince != null) ? idleSince : now;
			boolean terminating = this.terminating;
			boolean stopAsked = terminating || Files.deleteIfExists(this.files.stopRequest());
			if (stopAsked || Duration.between(idleSince, now).compareTo(this.idleTimeout) >= 0) {
				// Keep the lock: a client that arrives now waits until this process is gone, then starts a new one.
				log(terminating ? "SIGTERM and no clients: stopping"
						: stopAsked ? "stop asked and no clients: stopping"
								: "no clients for %s: stopping".formatted(this.idleTimeout));
				Files.deleteIfExists(this.files.serverRecord());
				return true;
			}
			lock.release();
		}
	}

	/**
	 * {@link #isCurrent} at every tick, reading the record again only when its file changed (another inode, time or
	 * size): parsing it twice a second was most of an idle server's CPU (~40 ms a tick on a 2-core VM).
	 */
	private boolean stillCurrent(ServerRecord record) throws IOException {
		BasicFileAttributes attributes;
		try {
			attributes = Files.readAttributes(this.files.serverRecord(), BasicFileAttributes.class);
		}
		catch (NoSuchFileException ex) {
			return false;
		}
		List<Object> stamp = Arrays.asList(attributes.fileKey(), attributes.lastModifiedTime(), attributes.size());
		if (stamp.equals(this.currentRecordStamp)) {
			return true;
		}
		boolean current = isCurrent(record);
		this.currentRecordStamp = current ? stamp : null;
		return current;
	}

	private boolean isCurrent(ServerRecord record) throws IOException {
		Optional<ServerRecord> current = ServerRecord.read(this.files);
		return current.isPresent() && current.get().pid() == record.pid();
	}

	private synchronized void close(Server tcp, Connection own, ServerRecord record, boolean compact) {
		if (this.closed) {
			return;
		}
		this.closed = true;
		tcp.stop();
		try (Statement statement = own.createStatement()) {
			long before = size();
			statement.execute(compact ? "SHUTDOWN COMPACT" : "SHUTDOWN");
			log(compact ? "closed; compacted %,d bytes to %,d".formatted(before, size()) : "closed");
			if (compact) {
				this.files.makePrivate(); // compaction wrote a new file
			}
		}
		catch (SQLException | IOException ex) {
			log("could not close the database cleanly: " + ex.getMessage());
		}
		try {
			if (isCurrent(record)) {
				Files.deleteIfExists(this.files.serverRecord());
			}
		}
		catch (IOException ex) {
			log("could not delete " + this.files.serverRecord() + ": " + ex.getMessage());
		}
	}

	private long size() {
		try {
			return Files.size(this.files.databaseFile());
		}
		catch (IOException ex) {
			return -1;
		}
	}

	/**
	 * Opens the database in this process (creating it on the first start), with the repository's credentials. A
	 * repository created by an earlier Fanout with H2's default empty password gets the generated one now.
	 */
	private Connection open() throws IOException, SQLException {
		// WRITE_DELAY=0: a commit is written before it returns, so even a kill -9 of this server loses nothing committed.
		// DB_CLOSE_ON_EXIT=FALSE: on SIGTERM this server's own hook closes the database, after it stopped serving;
		// H2's hook would race it, closing the database under clients that are still being served.
		String url = "jdbc:h2:file:" + this.files.database() + ";WRITE_DELAY=0;MAX_COMPACT_TIME=0;DB_CLOSE_ON_EXIT=FALSE"
				+ ";RETENTION_TIME=" + RETENTION_MILLIS;
		Optional<Credentials> existing = Credentials.read(this.files);
		if (existing.isEmpty() && Files.exists(this.files.databaseFile())) {
			Credentials generated = Credentials.generate();
			try (Connection legacy = new Credentials(Credentials.USER, "").connect(url);
					PreparedStatement alter = legacy.prepareStatement("ALTER USER SA SET PASSWORD ?")) {
				alter.setString(1, generated.password());
				alter.execute();
			}
			catch (SQLException ex) {
				if (ex.getErrorCode() == ErrorCode.WRONG_USER_OR_PASSWORD) {
					throw new SQLException(("%s has a password but no %s: restore that file, or move the database "
							+ "away to start afresh").formatted(this.files.databaseFile(), this.files.credentials()), ex);
				}
				throw ex;
			}
			generated.write(this.files);
			log("gave the existing repository a generated password (" + this.files.credentials() + ")");
		}
		Credentials credentials = Credentials.readOrCreate(this.files);
		return credentials.connect(url);
	}

	static void log(String message) {
		System.out.println(Instant.now() + " repository server: " + message);
	}

}
