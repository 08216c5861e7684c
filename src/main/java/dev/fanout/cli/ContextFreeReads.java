package dev.fanout.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.aop.framework.ProxyFactory;
import org.springframework.aop.target.AbstractLazyCreationTargetSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.boot.context.config.ConfigDataEnvironmentPostProcessor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.logging.LogFile;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingInitializationContext;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabase;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.util.StringUtils;

import dev.fanout.batch.BatchTables;
import dev.fanout.core.Causes;
import dev.fanout.core.DataDirectoryEnvironmentPostProcessor;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.history.TimestampsWithOffset;
import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.RecoveryProperties;
import dev.fanout.repository.OneConnection;
import dev.fanout.repository.RepositoryFiles;
import dev.fanout.repository.RepositoryProperties;
import dev.fanout.repository.ServerRecord;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.DateTimeFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code history} and {@code show} without an application context: the configuration as Spring Boot reads it
 * (command line, environment, {@code application.yml}, {@code config/application.yml}, profiles), the log file as
 * configured, then the same {@link HistoryCommand} and {@link ShowCommand} over one connection: to the embedded
 * repository's server when one runs, else to its database file itself (read-only: no server starts for a read), or to
 * the database that {@code spring.datasource.url} names (PostgreSQL). A context costs more than a second of CPU before
 * the first query, even empty ~0.7 s with the JDK's AOT cache, and a server's start ~0.5 s; the operator's most
 * frequent commands should answer faster than that.
 * <p>
 * {@code fanout --version} is answered here too: it names versions that need no context; and {@code repository}
 * ({@code --stop}), which looks at the repository's server without starting one.
 * <p>
 * Declines (returns null, and the application starts as for any command) for anything else: help, {@code --json}
 * where {@code spring.jackson.*} settings change the application's JSON, another command, a database that cannot be
 * reached or has no tables of Fanout's yet (the application says why, or creates them), one with tables of an older
 * schema (the application upgrades them), a {@code show} where there is no embedded database yet, and the history of
 * a job that the repository has no execution of: the application's jobs tell one that never ran from an unknown name.
 * A {@code history} of every job where there is no database yet lists empty tables in memory: the application would
 * create the database, and start its server, to find it empty.
 */
public final class ContextFreeReads {

	private static final Logger logger = LoggerFactory.getLogger(ContextFreeReads.class);

	/** Options that need more than this path gives: help and version text. */
	private static final List<String> DECLINED = List.of("-h", "--help", "-V", "--version");

	/** Answered here in its two forms, plain and {@code --stop}: a context would start the server it looks at. */
	private static final String REPOSITORY = "repository";

	/** The commands answered here. */
	private static final List<String> COMMANDS = List.of("history", "show");

	/**
	 * What the history, the orphan check and the workers of a {@code show} read, newest schema parts included: all
	 * must be there.
	 */
	private static final String PROBE = "select count(*) from %sJOB_EXECUTION e, FANOUT_EXECUTION_OWNER o, "
			+ "FANOUT_PARTITION_WORKER w where 1 = 0 and o.NODE is null and w.HOST is null";

	/** Whether the repository has executions of a job: a job of another version is listed as one of this. */
	private static final String EXECUTIONS_OF = "select count(*) from %sJOB_INSTANCE where JOB_NAME = ?";

	/** The embedded repository's tables, for a data directory that has no database yet. */
	private static final String SCHEMA = "classpath:dev/fanout/repository/schema-h2.sql";

	private ContextFreeReads() {
	}

	/** The exit code of {@code history} or {@code show} run here, or null when the application must run it. */
	public static @Nullable Integer run(String[] args, PrintWriter out, PrintWriter err) {
		String[] command = FanoutCommandLine.withoutSpringProperties(args);
		if (command.length == 1 && List.of("-V", "--version").contains(command[0])) {
			Arrays.stream(new FanoutVersion().getVersion()).forEach(out::println);
			out.flush();
			return ExitCodes.OK;
		}
		if (command.length > 0 && command[0].equals(REPOSITORY)) {
			return repository(args, command, out);
		}
		if (command.length == 0 || !COMMANDS.contains(command[0])
				|| List.of(command).stream().anyMatch(DECLINED::contains)) {
			return null;
		}
		StandardEnvironment environment = preparedOrNull(args);
		boolean json = List.of(command).contains("--json");
		if (environment == null || (json && Binder.get(environment)
			.bind("spring.jackson", Bindable.mapOf(String.class, Object.class))
			.isBound())) {
			return null;
		}
		LoggingSystem logging = startLogging(environment);
		StringWriter printed = new StringWriter();
		StringWriter failed = new StringWriter();
		try {
			Binder binder = Binder.get(environment);
			Path dataDir = binder.bindOrCreate("fanout", FanoutProperties.class).dataDir();
			String prefix = BatchTables.prefix(environment);
			RepositoryProperties settings = binder.bindOrCreate("fanout.repository", RepositoryProperties.class);
			String url = environment.getProperty("spring.datasource.url");
			Optional<OneConnection> opened = StringUtils.hasText(url)
					? Optional.of(OneConnection.toDatabase(url, driverSettings(binder), settings))
					: OneConnection.open(dataDir, settings);
			Integer exitCode;
			if (opened.isPresent()) {
				try (OneConnection repository = opened.get()) {
					exitCode = answer(args, command, json, environment, repository.dataSource(), prefix, printed,
							failed);
				}
			}
			else if (command[0].equals("history") && prefix.equals(BatchTables.DEFAULT_PREFIX)) {
				// No database yet: nothing ran here. Listed from empty tables in memory rather than by an application
				// that creates the database (and starts its server) to find it empty.
				EmbeddedDatabase empty = new EmbeddedDatabaseBuilder().generateUniqueName(true)
					.setType(EmbeddedDatabaseType.H2)
					.addScript(SCHEMA)
					.build();
				try {
					exitCode = answer(args, command, json, environment, empty, prefix, printed, failed);
				}
				finally {
					empty.shutdown();
				}
			}
			else {
				return null;
			}
			if (exitCode == null) {
				return null;
			}
			// Printed once the repository is closed: a reader of the database file holds back every server start
			// (OneConnection), and a pipe that is not read (history | less) would hold it for as long.
			out.print(printed);
			out.flush();
			err.print(failed);
			err.flush();
			return exitCode;
		}
		catch (Exception ex) {
			Optional<StartFailures.StartFailure> stalled = stalled(ex, environment);
			if (stalled.isPresent()) {
				logger.warn("history without an application context failed", ex);
				err.println("fanout: " + stalled.get().message());
				err.flush();
				return stalled.get().exitCode();
			}
			// Nothing was printed yet: the application does it all again, and reports what is wrong.
			logger.info("history without an application context declined: {}", ex.toString());
			return null;
		}
		finally {
			logging.cleanUp();
		}
	}

	/**
	 * A mapper that writes the listing and the details as the application's context does: Spring Boot's defaults for
	 * writing (dates and durations as text, views off, the modules on the class path) and Fanout's times with their
	 * offset ({@link TimestampsWithOffset}). Where {@code spring.jackson.*} settings would change the context's, the
	 * application answers ({@link #run}).
	 */
	private static JsonMapper jsonMapper() {
		return JsonMapper.builder()
			.disable(DateTimeFeature.WRITE_DATES_AS_TIMESTAMPS, DateTimeFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
			.disable(MapperFeature.DEFAULT_VIEW_INCLUSION)
			.findAndAddModules(ContextFreeReads.class.getClassLoader())
			.addModule(TimestampsWithOffset.module())
			.build();
	}

	/**
	 * What the application's pool gives the driver of the database that {@code spring.datasource.url} names: the user
	 * and password, and the pool's {@code data-source-properties}.
	 */
	private static Properties driverSettings(Binder binder) {
		Properties settings = new Properties();
		binder.bind("spring.datasource.hikari.data-source-properties", Bindable.mapOf(String.class, String.class))
			.ifBound(settings::putAll);
		binder.bind("spring.datasource.username", String.class).ifBound((user) -> settings.setProperty("user", user));
		binder.bind("spring.datasource.password", String.class)
			.ifBound((password) -> settings.setProperty("password", password));
		return settings;
	}

	/**
	 * {@code repository} and {@code repository --stop} of the embedded repository: the server's record as it wrote it,
	 * if it runs. The application's context connects to the repository as it starts, which starts a server where none
	 * runs: a {@code --stop} would start one to stop it, and the plain form show one up for 0 s.
	 */
	private static @Nullable Integer repository(String[] args, String[] command, PrintWriter out) {
		boolean stop = command.length == 2 && command[1].equals("--stop");
		if (command.length > 2 || (command.length == 2 && !stop)) {
			return null; // help, or a mistake the application's command line words
		}
		StandardEnvironment environment = preparedOrNull(args);
		if (environment == null || StringUtils.hasText(environment.getProperty("spring.datasource.url"))) {
			return null; // refused by the command (not Fanout's server), or by the application's start
		}
		try {
			Path dataDir = Binder.get(environment).bindOrCreate("fanout", FanoutProperties.class).dataDir();
			RepositoryFiles files = RepositoryFiles.of(dataDir);
			StringWriter printed = new StringWriter();
			RepositoryCommand.print(new PrintWriter(printed, true), files, ServerRecord.running(files).orElse(null),
					stop);
			out.print(printed);
			out.flush();
			return ExitCodes.OK;
		}
		catch (IOException | RuntimeException ex) {
			// Nothing was printed yet: the application does it again, and says what is wrong. Not logged here: no
			// logging is set up on this path, and Logback's default would print the line on standard output.
			return null;
		}
	}

	/**
	 * The line for a repository server that runs but did not answer within {@code fanout.repository.network-timeout}
	 * (stopped, hung): the application would wait as long again for it and then say the same. Any other failure
	 * (a server that went away, which the application replaces) is the application's to answer.
	 */
	private static Optional<StartFailures.StartFailure> stalled(Exception failure, StandardEnvironment environment) {
		if (Causes.find(failure, SocketTimeoutException.class).isEmpty()) {
			return Optional.empty();
		}
		return RepositoryFailures.atStart(failure, environment)
			.map((line) -> new StartFailures.StartFailure(RepositoryFailures.scrub(line.message(), environment),
					line.exitCode()));
	}

	/**
	 * Runs the command on the repository's tables, printing into {@code printed} and {@code failed} (as JSON where
	 * {@code json}); null (nothing printed) when the application must answer.
	 */
	private static @Nullable Integer answer(String[] args, String[] command, boolean json,
			StandardEnvironment environment, DataSource dataSource, String prefix, StringWriter printed,
			StringWriter failed) {
		JdbcTemplate jdbc = new JdbcTemplate(dataSource);
		jdbc.queryForObject(PROBE.formatted(prefix), Long.class);
		// Created on first use: a listing of ended executions reads them with plain queries (ExecutionHistory), and
		// never needs one.
		JobRepository jobRepository = ProxyFactory.getProxy(JobRepository.class,
				new AbstractLazyCreationTargetSource() {
					@Override
					protected Object createObject() throws Exception {
						return jobRepository(dataSource, prefix, environment);
					}

					@Override
					public Class<?> getTargetClass() {
						return JobRepository.class;
					}
				});
		ExecutionHistory history = ExecutionHistory.of(jobRepository,
				new Orphans(new ExecutionOwners(dataSource, environment), jobRepository,
						Binder.get(environment).bindOrCreate("fanout.recovery", RecoveryProperties.class)),
				dataSource, environment);
		String job = command[0].equals("history") ? jobNamed(command, history) : null;
		if (job != null && jdbc.queryForObject(EXECUTIONS_OF.formatted(prefix), Long.class, job) == 0) {
			// A job that never ran, or no job at all: only the application's jobs (beans) tell which.
			return null;
		}
		CommandLine root = new CommandLine(CommandSpec.create().name("fanout"));
		JsonMapper mapper = json ? jsonMapper() : null;
		root.addSubcommand("history", new CommandLine(new HistoryCommand(history, mapper)));
		root.addSubcommand("show", new CommandLine(new ShowCommand(history, mapper)));
		return FanoutCommandLine.execute(root, args, new PrintWriter(printed, true), new PrintWriter(failed, true),
				environment);
	}

	/** The job a {@code history} command line names, parsed as the command parses it, or null. */
	private static @Nullable String jobNamed(String[] command, ExecutionHistory history) {
		try {
			return new CommandLine(new HistoryCommand(history, null))
				.parseArgs(Arrays.copyOfRange(command, 1, command.length))
				.matchedPositionalValue(0, null);
		}
		catch (CommandLine.ParameterException ex) {
			return null; // the command itself says what is wrong
		}
	}

	/**
	 * The environment, or null when preparing it fails (a configuration file that cannot be read, a data directory
	 * that is a file): the application fails the same way as it starts, and says so in one line.
	 */
	private static @Nullable StandardEnvironment preparedOrNull(String[] args) {
		try {
			return environment(args);
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	/** The environment SpringApplication would prepare for these arguments. */
	private static StandardEnvironment environment(String[] args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(environment);
		ConfigDataEnvironmentPostProcessor.applyTo(environment);
		new DataDirectoryEnvironmentPostProcessor().postProcessEnvironment(environment, null);
		DataDirectoryEnvironmentPostProcessor.refuseUnusable(environment);
		return environment;
	}

	/** The log file and levels as configured ({@code logging.*}), as Boot's logging listener sets them up. */
	private static LoggingSystem startLogging(StandardEnvironment environment) {
		LoggingSystem logging = LoggingSystem.get(ContextFreeReads.class.getClassLoader());
		logging.beforeInitialize();
		logging.initialize(new LoggingInitializationContext(environment), null, LogFile.get(environment));
		Binder.get(environment)
			.bind("logging.level", Bindable.mapOf(String.class, LogLevel.class))
			.ifBound((levels) -> levels.forEach((name, level) -> logging
				.setLogLevel(name.equalsIgnoreCase(LoggingSystem.ROOT_LOGGER_NAME) ? null : name, level)));
		return logging;
	}

	/** Spring Batch's repository as the application's is configured: its table prefix and isolation levels. */
	private static JobRepository jobRepository(DataSource dataSource, String prefix, StandardEnvironment environment)
			throws Exception {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new JdbcTransactionManager(dataSource));
		factory.setTablePrefix(prefix);
		Binder.get(environment)
			.bind("spring.batch.jdbc.isolation-level-for-create", Isolation.class)
			.ifBound(factory::setIsolationLevelForCreateEnum);
		factory.afterPropertiesSet();
		return factory.getObject();
	}

}
