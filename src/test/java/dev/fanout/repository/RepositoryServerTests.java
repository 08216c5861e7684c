package dev.fanout.repository;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.fanout.Await;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The repository's server as its clients see it, started from this JVM's classpath: it starts on demand, outlives
 * nothing it should, compacts as it stops, and gives old password-less repositories a password.
 */
class RepositoryServerTests {

	private static final Duration SHORT_IDLE = Duration.ofSeconds(1);

	private static final Duration NETWORK_TIMEOUT = Duration.ofSeconds(30);

	@Test
	void stopsOnceNoClientHasUsedItForItsIdleTimeoutCompactingTheDatabaseAndTheNextClientStartsAnother()
			throws Exception {
		RepositoryClient client = client("idle", SHORT_IDLE);
		client.acquire();
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create table NUMBERS (N bigint primary key, PADDING varchar(1000))");
			for (int round = 0; round < 20; round++) {
				statement.execute("merge into NUMBERS select X, repeat('x', 1000) from system_range(1, 2000)");
			}
		}
		ServerRecord first = client.server();
		assertThat(first.processAlive()).as("a client holds it up").isTrue();

		client.release();
		Await.until("the idle server stopping", Duration.ofSeconds(30), () -> !first.processAlive());
		assertThat(ServerRecord.read(client.files())).as("its record goes with it").isEmpty();
		assertThat(Files.readString(client.files().serverLog())).contains("no clients for PT1S: stopping")
			.containsPattern("compacted [\\d,]+ bytes to [\\d,]+")
			.as("its own exit is no SIGTERM")
			.doesNotContain("SIGTERM");

		client.acquire();
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from NUMBERS")).satisfies((rows) -> {
				rows.next();
				assertThat(rows.getLong(1)).isEqualTo(2000);
			});
		}
		assertThat(client.server().pid()).isNotEqualTo(first.pid());
		client.release();
	}

	@Test
	void theServerIsNoChildOfTheClientThatStartedItSoThatClientExitsWithoutWaitingForIt() throws Exception {
		RepositoryClient client = holding("not-a-child", SHORT_IDLE);
		ServerRecord server = client.server();

		assertThat(server.processAlive()).isTrue();
		// A JVM exits up to 0.3 s late while a thread waits for a child process of its own to end.
		assertThat(ProcessHandle.current().descendants()).noneMatch((process) -> process.pid() == server.pid());
		client.release();
	}

	@Test
	void aServerThatCannotStartIsReportedWithItsLogAsSoonAsItExits() throws Exception {
		Path data = TestDataDirectories.fresh("RepositoryServerTests-cannot-start");
		// A heap too small for any JVM: the server's java exits at once, before it writes a record.
		RepositoryClient client = RepositoryClient.of(RepositoryFiles.of(data),
				new ServerProcess(SHORT_IDLE, ServerProcess.DEFAULT_STOP_GRACE, "1k"), NETWORK_TIMEOUT);
		client.acquire();
		try {
			assertThatThrownBy(client::connect).hasMessageContaining("cannot start the repository server: it exited")
				.hasMessageContaining("heap");
		}
		finally {
			client.release();
		}
	}

	@Test
	void aStopRequestStopsItAsSoonAsTheLastClientLeaves() throws Exception {
		RepositoryClient client = holding("stop-request", Duration.ofHours(1));
		ServerRecord server = client.server();
		new EmbeddedRepository(client).stopWhenIdle();
		assertThat(server.processAlive()).as("not while a client uses it").isTrue();

		client.release();
		Await.until("the server stopping at once, not after its hour", Duration.ofSeconds(30),
				() -> !server.processAlive());
		assertThat(Files.readString(client.files().serverLog())).contains("stop asked and no clients: stopping");
	}

	@Test
	void aServerWhoseRecordAnotherServerReplacedStopsEvenWithClients() throws Exception {
		RepositoryClient client = holding("replaced", Duration.ofHours(1));
		ServerRecord server = client.server();
		// Its record already read and unchanged for a while: the server must still notice a new one.
		new ServerRecord(server.port() + 1, ProcessHandle.current().pid(), Instant.now(), server.idleTimeout(),
				server.directory()).write(client.files());

		Await.until("the replaced server stopping, although a client holds the repository", Duration.ofSeconds(30),
				() -> !server.processAlive());
		assertThat(Files.readString(client.files().serverLog()))
			.contains("another server's record replaced this one's");
		client.release();
	}

	/**
	 * systemd stops a service by sending SIGTERM to all its processes at once: a server that closed the database at
	 * once left a stopping {@code serve}'s jobs unable to record their stop. It serves its clients on, and closes the
	 * database itself once they have left (not H2's own exit hook, racing it).
	 */
	@Test
	void aServerStoppedWithSigtermServesItsClientsUntilTheyLeaveThenClosesTheDatabase() throws Exception {
		// A short idle time for the server that the last read starts, which nothing else stops.
		RepositoryClient client = client("sigterm", SHORT_IDLE, Duration.ofMinutes(5));
		ServerRecord server = sigtermWhileHolding(client);
		Await.until("the server taking the SIGTERM", Duration.ofSeconds(30),
				() -> Files.readString(client.files().serverLog()).contains("SIGTERM: serving until the last client"));

		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			assertThat(statement.executeUpdate("update KEPT set N = 8")).as("a client still writes").isOne();
		}
		assertThat(server.processAlive()).as("not while a client uses it").isTrue();
		client.release();
		Await.until("the server gone once its client left", Duration.ofSeconds(30), () -> !server.processAlive());
		assertThat(Files.readString(client.files().serverLog())).contains("SIGTERM and no clients: stopping")
			.doesNotContain("could not close")
			.doesNotContain("compacted")
			.containsPattern("(?m): closed$");
		client.acquire();
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			var rows = statement.executeQuery("select N from KEPT");
			rows.next();
			assertThat(rows.getInt(1)).as("the write after the SIGTERM kept").isEqualTo(8);
		}
		client.release();
	}

	@Test
	void aServerStoppedWithSigtermClosesTheDatabaseAfterItsStopGraceEvenWithClients() throws Exception {
		RepositoryClient client = client("sigterm-grace", Duration.ofHours(1), Duration.ofSeconds(1));
		ServerRecord server = sigtermWhileHolding(client);

		Await.until("the server gone after its grace, its client still there", Duration.ofSeconds(30),
				() -> !server.processAlive());
		client.release();
		assertThat(Files.readString(client.files().serverLog()))
			.contains("clients still connected after PT1S: closing anyway")
			.doesNotContain("could not close")
			.containsPattern("(?m): closed$");
	}

	@Test
	void aServerStartingBesideALargeLogMovesItAsideKeepingOne() throws Exception {
		RepositoryClient client = client("log", SHORT_IDLE);
		Path log = client.files().serverLog();
		Files.createDirectories(log.getParent());
		Files.writeString(log.resolveSibling("repository-server.log.1"), "the oldest\n");
		String earlier = "an earlier server's line\n".repeat((int) (ServerProcess.LOG_LIMIT / 20));
		Files.writeString(log, earlier);

		client.acquire();
		client.connect().close();
		client.release();

		assertThat(Files.readString(log.resolveSibling("repository-server.log.1"))).isEqualTo(earlier);
		assertThat(Files.readString(log)).doesNotContain("an earlier server's line").contains("repository server: serving");
	}

	@Test
	void aServerKilledWithKill9IsReplacedByTheNextConnectionAndExecutionIdsGoOnWithoutAGap() throws Exception {
		RepositoryClient client = client("killed", Duration.ofMinutes(1));
		client.acquire();
		long lastId;
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			statement.execute("runscript from 'classpath:dev/fanout/repository/schema-h2.sql'");
			statement.execute("create table KEPT (N int)");
			statement.execute("insert into KEPT values (42)");
			lastId = nextExecutionId(statement);
		}
		ServerRecord killed = client.server();
		ProcessHandle.of(killed.pid()).orElseThrow().destroyForcibly();
		Await.until("the server gone", Duration.ofSeconds(30), () -> !killed.processAlive());

		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			var rows = statement.executeQuery("select N from KEPT");
			assertThat(rows.next()).as("a committed row survives the server's kill -9 (WRITE_DELAY=0)").isTrue();
			assertThat(rows.getInt(1)).isEqualTo(42);
			assertThat(nextExecutionId(statement)).as("no block of cached ids lost with the server").isEqualTo(lastId + 1);
		}
		assertThat(client.server().pid()).isNotEqualTo(killed.pid());
		client.release();
	}

	@Test
	void aRepositoryCreatedWithoutPasswordGetsAGeneratedOne() throws Exception {
		Path data = TestDataDirectories.fresh("RepositoryServerTests-legacy");
		Files.createDirectories(data.resolve("repository"));
		try (Connection legacy = DriverManager.getConnection("jdbc:h2:file:" + data.resolve("repository/fanout"), "sa",
				""); Statement statement = legacy.createStatement()) {
			statement.execute("create table OLD (N int)");
		}
		RepositoryClient client = RepositoryClient.of(RepositoryFiles.of(data), new ServerProcess(SHORT_IDLE, "128m"),
				NETWORK_TIMEOUT);
		client.acquire();
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from OLD").next()).isTrue();
		}
		String url = client.server().jdbcUrl();
		assertThatThrownBy(() -> DriverManager.getConnection(url, "sa", "").close()).isInstanceOf(SQLException.class)
			.hasMessageContaining("Wrong user name or password");
		assertThat(Credentials.read(client.files()).orElseThrow().password()).hasSizeGreaterThan(20);
		client.release();
	}

	@Test
	void aReadWhileNoServerRunsOpensTheFileReadOnlyAndStartsNoServerUntilItIsClosed() throws Exception {
		RepositoryClient client = client("read-file", Duration.ZERO);
		client.acquire();
		keep(client, 7);
		ServerRecord first = client.server();
		client.release();
		Await.until("the idle server stopping", Duration.ofSeconds(30), () -> !first.processAlive());
		byte[] before = Files.readAllBytes(client.files().databaseFile());

		client.acquire();
		try (Connection file = client.openFileIfNoServer(); Statement statement = file.createStatement()) {
			assertThat(file).as("no server runs: the file itself").isNotNull();
			var rows = statement.executeQuery("select N from KEPT");
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt(1)).isEqualTo(7);
			assertThatThrownBy(() -> statement.execute("insert into KEPT values (8)")).isInstanceOf(SQLException.class)
				.hasMessageContaining("read only");
			assertThat(ServerRecord.read(client.files())).as("no server started for a read").isEmpty();
			assertThatThrownBy(client::server).as("no server while this process holds the file")
				.isInstanceOf(IllegalStateException.class);
		}
		finally {
			client.closeFile();
		}
		assertThat(Files.readAllBytes(client.files().databaseFile())).as("the file as it was").isEqualTo(before);

		// Closed, the file opens in a server again; while that server runs, a read goes to it.
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			assertThat(statement.executeQuery("select count(*) from KEPT").next()).isTrue();
		}
		assertThat(client.openFileIfNoServer()).as("a server runs: no file of its own").isNull();
		client.release();
	}

	@Test
	void aCopyOfADataDirectoryGetsAServerOfItsOwnNotTheOriginalsStillRunning() throws Exception {
		RepositoryClient original = client("original", Duration.ofMinutes(1));
		original.acquire();
		keep(original, 1);
		ServerRecord originals = original.server();
		// Copied while its server runs, as a backup or a clone would be: its record and credentials come along.
		Path copy = TestDataDirectories.fresh("RepositoryServerTests-copy");
		try (var files = Files.walk(original.files().directory())) {
			for (Path file : files.toList()) {
				Path target = copy.resolve("repository").resolve(original.files().directory().relativize(file).toString());
				if (Files.isDirectory(file)) {
					Files.createDirectories(target);
				}
				else {
					Files.copy(file, target);
				}
			}
		}
		RepositoryClient copied = RepositoryClient.of(RepositoryFiles.of(copy), new ServerProcess(SHORT_IDLE, "128m"),
				NETWORK_TIMEOUT);
		copied.acquire();
		try (Connection connection = copied.connect(); Statement statement = connection.createStatement()) {
			statement.execute("insert into KEPT values (2)");
		}
		assertThat(copied.server().pid()).as("a server of its own").isNotEqualTo(originals.pid());
		try (Connection connection = original.connect(); Statement statement = connection.createStatement()) {
			var rows = statement.executeQuery("select count(*) from KEPT");
			rows.next();
			assertThat(rows.getInt(1)).as("the original's rows, untouched by the copy's user").isEqualTo(1);
		}
		copied.release();
		original.release();
	}

	@Test
	void aServerOfOneApplicationJarGetsAClassArchiveBesideItAndTestClassesNone() {
		Path directory = TestDataDirectories.fresh("RepositoryServerTests-archive");
		assertThat(ServerProcess.sharedArchive(directory.resolve("fanout.jar").toString()))
			.isEqualTo(directory.resolve(ServerProcess.ARCHIVE));
		assertThat(ServerProcess.sharedArchive(directory.resolve("fanout.jar") + File.pathSeparator + "h2.jar")).isNull();
		assertThat(ServerProcess.sharedArchive("target/classes")).isNull();
	}

	/** Sends SIGTERM to the server of a client that holds the repository and has written a row, KEPT 7, through it. */
	private static ServerRecord sigtermWhileHolding(RepositoryClient client) throws Exception {
		client.acquire();
		keep(client, 7);
		ServerRecord server = client.server();
		ProcessHandle.of(server.pid()).orElseThrow().destroy();
		return server;
	}

	/** A table KEPT with one row, {@code value}, written through the client's server. */
	private static void keep(RepositoryClient client, int value) throws SQLException {
		try (Connection connection = client.connect(); Statement statement = connection.createStatement()) {
			statement.execute("create table KEPT (N int)");
			statement.execute("insert into KEPT values (" + value + ")");
		}
	}

	private static long nextExecutionId(Statement statement) throws SQLException {
		var rows = statement.executeQuery("select next value for BATCH_JOB_EXECUTION_SEQ");
		rows.next();
		return rows.getLong(1);
	}

	/** A client that holds the repository of a fresh data directory, whose server its first connection started. */
	private static RepositoryClient holding(String name, Duration idleTimeout) throws Exception {
		RepositoryClient client = client(name, idleTimeout);
		client.acquire();
		client.connect().close();
		return client;
	}

	private static RepositoryClient client(String name, Duration idleTimeout) {
		return client(name, idleTimeout, ServerProcess.DEFAULT_STOP_GRACE);
	}

	private static RepositoryClient client(String name, Duration idleTimeout, Duration stopGrace) {
		Path data = TestDataDirectories.fresh("RepositoryServerTests-" + name);
		return RepositoryClient.of(RepositoryFiles.of(data), new ServerProcess(idleTimeout, stopGrace, "128m"),
				NETWORK_TIMEOUT);
	}

}
