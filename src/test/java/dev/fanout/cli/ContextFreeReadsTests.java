package dev.fanout.cli;

import java.io.FilterWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.repository.JobRepository;

import dev.fanout.Await;
import dev.fanout.CommandResult;
import dev.fanout.FanoutProcess;
import dev.fanout.InProcessFanout;
import dev.fanout.PostgresSchema;
import dev.fanout.RepositoryFixtures;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.core.ExitCodes;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.ServerRecord;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code history} and {@code show} without an application context print what the application prints, for every form
 * they take, and leave to the application everything they do not take.
 */
class ContextFreeReadsTests {

	private static Path data;

	private static InProcessFanout fanout;

	private static long completed;

	private static long orphaned;

	@BeforeAll
	static void runSomeJobs() {
		data = TestDataDirectories.fresh("ContextFreeReadsTests");
		fanout = new InProcessFanout(data, List.of());
		CommandResult factorize = fanout.run("run", "factorize", "numbers=12,18");
		assertThat(factorize.exitCode()).isZero();
		completed = factorize.executionId();
		assertThat(fanout.run("run", "factorize", "numbers=7", "threads=1").exitCode()).isZero();
		assertThat(fanout.run("run", "sensors", "sensors=2", "readings=50").exitCode()).isZero();
		assertThat(fanout.run("run", "factorize", "numbers=-3").exitCode()).isEqualTo(ExitCodes.USAGE);
		// Left running by no process: history says it is orphaned.
		orphaned = RepositoryFixtures.execution(fanout.bean(JobRepository.class), "life", UniqueJobParameters.of(),
				BatchStatus.STARTED, LocalDateTime.now().minusMinutes(5)).getId();
	}

	@AfterAll
	static void close() {
		fanout.close();
	}

	@Test
	void printsWhatTheApplicationPrintsForEveryFormOfTheCommand() {
		List<List<String>> forms = List.of(List.of("history"), List.of("history", "factorize"),
				List.of("history", "--limit", "2"), List.of("history", "--status", "completed"),
				List.of("history", "sensors", "--limit=1"), List.of("history", "life", "--limit", "0"),
				List.of("history", "--status", "RUNNINGISH"), List.of("history", "--limit", "0"),
				List.of("history", "--limit", "many"), List.of("history", "--unknown"),
				List.of("history", "a", "b"), List.of("history", "--json"),
				List.of("history", "factorize", "--limit", "1", "--json"));
		for (List<String> form : forms) {
			CommandResult expected = runningTimesHidden(fanout.run(form.toArray(String[]::new)));
			CommandResult answered = runningTimesHidden(withoutContext(form));

			assertThat(answered).as("history %s", form).isEqualTo(expected);
		}
		assertThat(withoutContext(List.of("history")).out()).contains("factorize", "sensors", "orphaned");
	}

	@Test
	void showsWhatTheApplicationShowsForEveryFormOfTheCommand() {
		List<List<String>> forms = List.of(List.of("show", Long.toString(completed)),
				List.of("show", Long.toString(orphaned)), List.of("show", "999999"), List.of("show", "abc"),
				List.of("show"), List.of("show", "1", "2"), List.of("show", "--unknown", "1"),
				List.of("show", Long.toString(completed), "--json"), List.of("show", Long.toString(orphaned), "--json"),
				List.of("show", "999999", "--json"));
		for (List<String> form : forms) {
			CommandResult expected = runningTimesHidden(fanout.run(form.toArray(String[]::new)));
			CommandResult answered = runningTimesHidden(withoutContext(form));

			assertThat(answered).as("%s", form).isEqualTo(expected);
		}
		assertThat(withoutContext(List.of("show", Long.toString(completed))).out())
			.contains("COMPLETED", "factorizeWorker:partition1");
		assertThat(withoutContext(List.of("show", Long.toString(orphaned))).out()).contains("ORPHANED");
	}

	@Test
	void answersTheVersionAsTheApplicationDoes() {
		for (String option : List.of("--version", "-V")) {
			CommandResult answered = withoutContext(List.of(option));

			assertThat(answered).as(option).isEqualTo(fanout.run(option));
			assertThat(answered.out()).startsWith("fanout ").contains("Spring Batch 6.");
		}
	}

	@Test
	void leavesHelpJsonOtherCommandsOtherDatabasesAndNamesThatAreNoJobToTheApplication() {
		for (List<String> declined : List.<List<String>>of(List.of("history", "--help"),
				List.of("history", "-h"), List.of("history", "--version"), List.of("show", "--help"),
				// JSON that Spring Boot's settings change: only the application's mapper writes it so.
				List.of("--spring.jackson.default-property-inclusion=non_empty", "history", "--json"),
				List.of("jobs"), List.of(),
				// A job that never ran here, or no job: only the application's jobs tell which.
				List.of("history", "images"), List.of("history", "chapter", "--status", "failed"),
				List.of("history", "nosuchjob"), List.of("history", "--limit=3", "nosuchjob"),
				// A database without Fanout's tables (the application creates them), or that does not answer (the
				// application says so).
				List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test?currentSchema=fanout_none",
						"history"),
				List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/test", "history"),
				List.of("repository", "--help"), List.of("repository", "--stop", "--now"),
				List.of("--spring.datasource.url=jdbc:postgresql://127.0.0.1:5432/test", "repository"))) {
			assertThat(run(data, declined)).as("%s", declined).isNull();
		}
	}

	@Test
	void listsTheHistoryOfADataDirectoryWithoutDatabaseAsTheApplicationDoesAndMakesNone() {
		Path fresh = TestDataDirectories.fresh("ContextFreeReadsTests-fresh");
		List<List<String>> forms = List.of(List.of("history"), List.of("history", "--status", "failed"),
				List.of("history", "--limit", "0"));
		try (InProcessFanout application = new InProcessFanout(TestDataDirectories.fresh("ContextFreeReadsTests-empty"),
				List.of())) {
			for (List<String> form : forms) {
				assertThat(run(fresh, form)).as("%s", form).isEqualTo(application.run(form.toArray(String[]::new)));
			}
		}
		assertThat(run(fresh, List.of("history")).out()).isEqualTo("No executions yet.\n");
		assertThat(run(fresh, List.of("history", "factorize"))).as("a job, or not: the application's to say").isNull();
		assertThat(run(fresh, List.of("history", "nosuchjob"))).as("refused by the application").isNull();
		assertThat(run(fresh, List.of("show", "1"))).as("show").isNull();
		assertThat(Files.exists(fresh.resolve("repository/fanout.mv.db"))).as("no database made").isFalse();
	}

	@Test
	void leavesARepositoryWithAnOlderSchemaToTheApplication() throws Exception {
		Path older = TestDataDirectories.fresh("ContextFreeReadsTests-older");
		try (InProcessFanout application = new InProcessFanout(older, List.of());
				Connection connection = application.bean(javax.sql.DataSource.class).getConnection();
				Statement statement = connection.createStatement()) {
			// As a repository made before owners carried their node.
			statement.execute("alter table FANOUT_EXECUTION_OWNER drop column NODE");
		}
		assertThat(run(older, List.of("history"))).as("an older schema, which the application upgrades").isNull();
	}

	@Test
	void withNoServerRunningItReadsTheDatabaseFileAndStartsNone() throws Exception {
		Path idle = TestDataDirectories.fresh("ContextFreeReadsTests-no-server");
		RepositoryFiles files = RepositoryFiles.of(idle);
		List<List<String>> forms = List.of(List.of("history"), List.of("show", "1"));
		List<CommandResult> expected = new ArrayList<>();
		long server;
		try (InProcessFanout application = new InProcessFanout(idle, List.of("--fanout.repository.idle-timeout=0s"))) {
			assertThat(application.run("run", "factorize", "numbers=12,18").exitCode()).isZero();
			forms.forEach((form) -> expected.add(application.run(form.toArray(String[]::new))));
			server = ServerRecord.read(files).orElseThrow().pid();
		}
		Await.until("the idle server gone", Duration.ofSeconds(30),
				() -> !ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false));
		Path log = idle.resolve("logs/repository-server.log");
		String serverLog = Files.readString(log);

		for (int i = 0; i < forms.size(); i++) {
			assertThat(run(idle, forms.get(i))).as("%s", forms.get(i)).isEqualTo(expected.get(i));
		}
		assertThat(ServerRecord.read(files)).as("no server started").isEmpty();
		assertThat(Files.readString(log)).as("no server started").isEqualTo(serverLog);

		// A reader of the file holds back every server start: it prints once it has closed it (history | less).
		StringWriter printed = new StringWriter();
		Writer startsFree = new FilterWriter(printed) {
			@Override
			public void write(String text, int offset, int length) throws IOException {
				try (FileChannel channel = FileChannel.open(idle.resolve("repository/start.lock"),
						StandardOpenOption.WRITE); FileLock lock = channel.tryLock()) {
					assertThat(lock).as("servers may start").isNotNull();
				}
				super.write(text, offset, length);
			}
		};
		assertThat(ContextFreeReads.run(new String[] { "--fanout.data-dir=" + idle, "history" },
				new PrintWriter(startsFree), new PrintWriter(new StringWriter()))).isZero();
		assertThat(printed.toString()).isEqualTo(expected.get(0).out());
	}

	/**
	 * Answered without a context: a context connects to the repository for a command that uses it, and so started a
	 * server only to stop it, or to show it.
	 */
	@Test
	void repositoryWithNoServerRunningSaysSoAndStartsNone() throws Exception {
		Path idle = TestDataDirectories.fresh("ContextFreeReadsTests-repository-idle");
		RepositoryFiles files = RepositoryFiles.of(idle);
		long server;
		try (InProcessFanout application = new InProcessFanout(idle, List.of("--fanout.repository.idle-timeout=0s"))) {
			assertThat(application.run("history").exitCode()).isZero();
			server = ServerRecord.read(files).orElseThrow().pid();
		}
		Await.until("the idle server gone", Duration.ofSeconds(30),
				() -> !ProcessHandle.of(server).map(ProcessHandle::isAlive).orElse(false));
		String serverLog = Files.readString(idle.resolve("logs/repository-server.log"));

		CommandResult stop = run(idle, List.of("repository", "--stop"));
		CommandResult shown = run(idle, List.of("repository"));

		assertThat(stop).as("answered without the application").isNotNull();
		assertThat(stop.exitCode()).as(stop.toString()).isZero();
		assertThat(stop.out()).matches("Repository: .*fanout\\.mv\\.db \\(\\d+(\\.\\d)? KiB\\)\n"
				+ "Server: +none runs; nothing to stop\n");
		assertThat(shown.out()).endsWith("Server:     none runs; the next Fanout command that uses the repository starts "
				+ "one\n");
		assertThat(ServerRecord.read(files)).as("no server started").isEmpty();
		assertThat(Files.readString(idle.resolve("logs/repository-server.log"))).as("no server started")
			.isEqualTo(serverLog);
		assertThat(idle.resolve("repository/stop.request")).as("no request left for the next server").doesNotExist();

		Path fresh = TestDataDirectories.fresh("ContextFreeReadsTests-repository-fresh");
		assertThat(run(fresh, List.of("repository", "--stop")).out()).contains("(not created yet: no command has "
				+ "used it)\nServer:     none runs; nothing to stop");
		assertThat(fresh.resolve("repository/fanout.mv.db")).as("no database made").doesNotExist();
	}

	@Test
	void repositoryWithAServerRunningShowsItAndAsksItToStopOnceUnused() throws Exception {
		Path used = TestDataDirectories.fresh("ContextFreeReadsTests-repository-used");
		RepositoryFiles files = RepositoryFiles.of(used);
		CommandResult stop;
		ServerRecord server;
		try (InProcessFanout application = new InProcessFanout(used, List.of())) {
			assertThat(application.run("history").exitCode()).isZero();
			server = ServerRecord.read(files).orElseThrow();

			stop = run(used, List.of("repository", "--stop"));

			assertThat(application.run("repository").out()).as("the application's words")
				.startsWith(stop.out().lines().findFirst().orElseThrow());
		}
		assertThat(stop.exitCode()).as(stop.toString()).isZero();
		assertThat(stop.out()).contains("Server:     process %d on 127.0.0.1:%d, up ".formatted(server.pid(),
				server.port()))
			.endsWith("Asked it to stop, compacting the database, as soon as no Fanout process uses it.\n");
		// Its idle timeout is 60 s: gone sooner only because it was asked.
		Await.until("the server stopped on request", Duration.ofSeconds(30),
				() -> !ProcessHandle.of(server.pid()).map(ProcessHandle::isAlive).orElse(false));
	}

	/** On PostgreSQL too, with the user, the password and the schema as the postgres profile and settings give them. */
	@Test
	void answersOnPostgresqlWhatTheApplicationAnswers() throws Exception {
		try (PostgresSchema schema = PostgresSchema.create("fanout_reads_")) {
			Path postgresData = TestDataDirectories.fresh("ContextFreeReadsTests-postgres");
			List<String> settings = List.of("--spring.profiles.active=postgres",
					"--spring.datasource.url=" + schema.url());
			try (InProcessFanout onPostgres = new InProcessFanout(postgresData, settings)) {
				CommandResult run = onPostgres.run("run", "factorize", "numbers=12,18");
				assertThat(run.exitCode()).as(run.toString()).isZero();
				for (List<String> form : List.of(List.of("history"), List.of("history", "factorize", "--limit", "1"),
						List.of("history", "--json"), List.of("show", Long.toString(run.executionId())),
						List.of("show", Long.toString(run.executionId()), "--json"), List.of("show", "999999"))) {
					List<String> withSettings = new ArrayList<>(settings);
					withSettings.addAll(form);
					CommandResult answered = run(postgresData, withSettings);

					assertThat(answered).as("%s answered without the application", form).isNotNull();
					assertThat(answered).as("%s", form).isEqualTo(onPostgres.run(form.toArray(String[]::new)));
				}
				assertThat(run(postgresData, Stream.concat(settings.stream(), Stream.of("show",
						Long.toString(run.executionId()))).toList()).out())
					.contains("COMPLETED", "factorizeWorker:partition1");
			}
		}
	}

	@Test
	void aRealProcessAnswersWithoutStartingTheApplication() throws Exception {
		Path log = data.resolve("logs/fanout.log");
		long before = Files.lines(log).filter((line) -> line.contains("Starting FanoutApplication")).count();

		CommandResult answered = new FanoutProcess(data).run("history", "factorize");

		assertThat(answered).isEqualTo(fanout.run("history", "factorize"));
		try (Stream<String> lines = Files.lines(log)) {
			assertThat(lines.filter((line) -> line.contains("Starting FanoutApplication")).count())
				.as("application starts in the log").isEqualTo(before);
		}
	}

	/** The orphaned execution's duration and age grow while the test runs: their seconds may differ between two runs. */
	private static CommandResult runningTimesHidden(CommandResult result) {
		return new CommandResult(result.exitCode(),
				result.out().replaceAll("(\\d+ ?min) \\d\\d? ?s", "$1 ?? s").replaceAll("(\\d+m)\\d+s", "$1??s"),
				result.err());
	}

	private static CommandResult withoutContext(List<String> form) {
		CommandResult result = run(data, form);
		assertThat(result).as("%s answered without the application", form).isNotNull();
		return result;
	}

	/** ContextFreeReads.run as main calls it; null when it declines. */
	private static CommandResult run(Path dataDir, List<String> form) {
		List<String> args = new ArrayList<>(List.of("--fanout.data-dir=" + dataDir));
		args.addAll(form);
		StringWriter out = new StringWriter();
		StringWriter err = new StringWriter();
		Integer exitCode = ContextFreeReads.run(args.toArray(String[]::new), new PrintWriter(out),
				new PrintWriter(err));
		return (exitCode != null) ? new CommandResult(exitCode, out.toString(), err.toString()) : null;
	}

}
