package dev.fanout.cli;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ApplicationContextException;
import org.springframework.core.env.ConfigurablePropertyResolver;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.jdbc.support.MetaDataAccessException;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

import dev.fanout.cli.StartFailures.StartFailure;
import dev.fanout.core.ExitCodes;
import dev.fanout.recovery.RecoveryProperties;
import dev.fanout.schedule.ScheduleProperties;
import dev.fanout.schedule.SchedulesProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchRuntimeException;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class StartFailuresTests {

	@Test
	void aPortInUseNamesThePortTheAddressAndTheOptionThatChangesIt() {
		RuntimeException failure = new ApplicationContextException("Unable to start web server",
				new PortInUseException(8080, new java.net.BindException("Address already in use")));

		StartFailure line = StartFailures.describe(failure,
				new MockEnvironment().withProperty("server.address", "127.0.0.1"));

		assertThat(line).isEqualTo(new StartFailure(
				"port 8080 on 127.0.0.1 is in use (another serve?); choose another with --server.port=N",
				ExitCodes.FAILED));
	}

	@Test
	void withoutAnEnvironmentThePortIsStillNamed() {
		assertThat(StartFailures.describe(new PortInUseException(9090), null).message())
			.isEqualTo("port 9090 is in use (another serve?); choose another with --server.port=N");
	}

	@Test
	void otherFailuresSayWhyNothingStarted() {
		assertThat(StartFailures.describe(new IllegalStateException("fanout.data-dir is not writable"), null))
			.isEqualTo(new StartFailure("could not start: fanout.data-dir is not writable", ExitCodes.FAILED));
	}

	@Test
	void aValueThatIsNotOfItsTypeNamesTheSettingItsVariableTheValueAndWhatItTakesWithExitCode2() {
		StandardEnvironment environment = commandLine("--fanout.tuning.chunk-size=abc");

		StartFailure line = failure(environment, "fanout.tuning", Tuning.class);

		assertThat(line).isEqualTo(new StartFailure("setting fanout.tuning.chunk-size (env FANOUT_TUNING_CHUNK_SIZE) "
				+ "is 'abc': expected a whole number (default 1000)", ExitCodes.USAGE));
		assertThat(failure(commandLine("--fanout.tuning.commit-interval=soon"), "fanout.tuning", Tuning.class).message())
			.isEqualTo("setting fanout.tuning.commit-interval (env FANOUT_TUNING_COMMIT_INTERVAL) is 'soon': expected "
					+ "a duration such as 500ms, 30s, 2m or 1h (default 1s)");
	}

	@Test
	void aValueItsPropertiesRefuseIsNamedAsGivenNotAsBound() {
		StartFailure line = failure(commandLine("--fanout.recovery.heartbeat=0s"), "fanout.recovery",
				RecoveryProperties.class);

		assertThat(line).isEqualTo(new StartFailure("setting fanout.recovery.heartbeat (env FANOUT_RECOVERY_HEARTBEAT) "
				+ "is '0s': expected a positive duration, e.g. 5s", ExitCodes.USAGE));
	}

	@Test
	void aDefaultThatAnotherSettingMakesInvalidIsSaidToBeTheDefault() {
		StartFailure line = failure(commandLine("--fanout.recovery.heartbeat=20s"), "fanout.recovery",
				RecoveryProperties.class);

		assertThat(line.message()).isEqualTo("setting fanout.recovery.orphan-timeout (env "
				+ "FANOUT_RECOVERY_ORPHAN_TIMEOUT) is '30s' (its default): expected at least twice "
				+ "fanout.recovery.heartbeat (20s), or live executions would look orphaned");
	}

	@Test
	void aValueFromTheEnvironmentOrAFileSaysWhereItWasGiven(@TempDir Path directory) throws Exception {
		StandardEnvironment fromVariable = new StandardEnvironment();
		fromVariable.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("FANOUT_RECOVERY_HEARTBEAT", "-1s")));
		// As SpringApplication prepares it: variables that know their origin.
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(fromVariable,
				new SpringApplication());
		ConfigurationPropertySources.attach(fromVariable);

		assertThat(failure(fromVariable, "fanout.recovery", RecoveryProperties.class).message())
			.isEqualTo("setting fanout.recovery.heartbeat (env FANOUT_RECOVERY_HEARTBEAT) is '-1s' in the environment "
					+ "(FANOUT_RECOVERY_HEARTBEAT): expected a positive duration, e.g. 5s");

		Path file = Files.writeString(directory.resolve("application.yml"),
				"fanout:\n  tuning:\n    chunk-size: lots\n");
		StandardEnvironment fromFile = new StandardEnvironment();
		new YamlPropertySourceLoader().load("config", new FileSystemResource(file))
			.forEach(fromFile.getPropertySources()::addFirst);
		ConfigurationPropertySources.attach(fromFile);

		assertThat(failure(fromFile, "fanout.tuning", Tuning.class).message())
			.isEqualTo("setting fanout.tuning.chunk-size (env FANOUT_TUNING_CHUNK_SIZE) is 'lots' in " + file
					+ " line 3: expected a whole number (default 1000)");
	}

	/** Boot's words were a converter's: "No converter found capable of converting from type [java.lang.String]...". */
	@Test
	void aScheduleListGivenOneValueNamesTheSettingTheShapeItTakesAndAnExample(@TempDir Path directory)
			throws Exception {
		Path file = Files.writeString(directory.resolve("application.yml"), "fanout:\n  schedules: hello\n");
		StandardEnvironment fromFile = new StandardEnvironment();
		new YamlPropertySourceLoader().load("config", new FileSystemResource(file))
			.forEach(fromFile.getPropertySources()::addFirst);
		ConfigurationPropertySources.attach(fromFile);

		StartFailure line = failure(fromFile, "fanout", SchedulesProperties.class);

		assertThat(line).isEqualTo(new StartFailure("setting fanout.schedules (env FANOUT_SCHEDULES) is 'hello' in "
				+ file + " line 2: expected " + ScheduleProperties.LIST, ExitCodes.USAGE));
		assertThat(ScheduleProperties.LIST).startsWith("a list of schedules, each with a name, a job and a cron "
				+ "expression (and optionally parameters, misfire, zone), e.g. in YAML 'schedules: [{name: nightly, "
				+ "job: factorize, cron: \"0 0 2 * * *\"}]' under 'fanout:'");
		assertThat(line.message()).doesNotContain("converter", "java.", "List<").hasLineCount(1);
		assertThat(failure(commandLine("--fanout.schedules[0]=hello"), "fanout", SchedulesProperties.class).message())
			.isEqualTo("setting fanout.schedules[0] (env FANOUT_SCHEDULES_0) is 'hello': expected "
					+ ScheduleProperties.ENTRY);
		assertThat(failure(commandLine("--fanout.schedules[0].name=a", "--fanout.schedules[0].parameters=hello"),
				"fanout", SchedulesProperties.class).message())
			.isEqualTo("setting fanout.schedules[0].parameters (env FANOUT_SCHEDULES_0_PARAMETERS) is 'hello': "
					+ "expected names with a value each, under it, not one value (e.g. "
					+ "fanout.schedules[0].parameters.NAME=VALUE on the command line, or 'NAME: VALUE' lines indented "
					+ "under it in YAML)");
	}

	/** SnakeYAML's message spans six lines with a drawing of the place; Boot throws it as it is. */
	@Test
	void aConfigurationFileThatIsNotValidYamlIsOneLineWithThePlaceWithExitCode2(@TempDir Path directory)
			throws Exception {
		Path file = Files.writeString(directory.resolve("application.yml"), "fanout:\n  data-dir: x\n   bad: [1\n");
		RuntimeException failure = catchRuntimeException(
				() -> new YamlPropertySourceLoader().load("config", new FileSystemResource(file)));

		assertThat(StartFailures.describe(failure, null)).isEqualTo(new StartFailure("a configuration file "
				+ "(config/application.yml, or one that a spring.config.* setting names) is not valid YAML: mapping "
				+ "values are not allowed here at line 3, column 7", ExitCodes.USAGE));
	}

	@Test
	void aSecretsValueIsNeverPrinted() {
		StartFailure line = failure(commandLine("--fanout.vault.token=hunter2"), "fanout.vault", Vault.class);

		assertThat(line.message()).isEqualTo("setting fanout.vault.token (env FANOUT_VAULT_TOKEN) is (hidden): "
				+ "expected a whole number")
			.doesNotContain("hunter2");
	}

	@Test
	void aValueReadFromTheEnvironmentAsAnotherTypeIsNamedAsABoundOneIsWithExitCode2() {
		// serve: a condition reads server.port as a number while the context starts, and fails in Boot's conversion.
		StandardEnvironment environment = asSpringApplicationPreparesIt("--server.port=abc");
		RuntimeException failure = new IllegalStateException("Error processing condition on SomeConfiguration",
				catchRuntimeException(() -> environment.getProperty("server.port", Integer.class)));

		assertThat(StartFailures.describe(failure, environment)).isEqualTo(new StartFailure(
				"setting server.port (env SERVER_PORT) is 'abc': expected a whole number", ExitCodes.USAGE));
		assertThat(readAs("--fanout.generated-context=maybe", "fanout.generated-context", Boolean.class))
			.isEqualTo("setting fanout.generated-context (env FANOUT_GENERATED_CONTEXT) is 'maybe': expected true or "
					+ "false");
	}

	@Test
	void aValueThatAConditionReadsAsAnEnumNamesTheSettingAndTheConstantsWithExitCode2() {
		// Boot's OnDatabaseInitializationCondition calls DatabaseInitializationMode.valueOf itself: its failure names
		// the enum and the value, not the setting.
		StandardEnvironment environment = asSpringApplicationPreparesIt("--spring.batch.jdbc.initialize-schema=sometimes",
				"--fanout.data-dir=data");
		RuntimeException failure = new IllegalStateException("Error processing condition on BatchJdbcConfiguration",
				catchRuntimeException(() -> DatabaseInitializationMode.valueOf("SOMETIMES")));

		assertThat(StartFailures.describe(failure, environment)).isEqualTo(new StartFailure(
				"setting spring.batch.jdbc.initialize-schema (env SPRING_BATCH_JDBC_INITIALIZE_SCHEMA) is 'sometimes': "
						+ "expected one of always, embedded, never",
				ExitCodes.USAGE));
	}

	@Test
	void anEnumsRefusalIsNotPinnedOnASettingWhenTwoOrNoneGiveTheValue() {
		RuntimeException failure = catchRuntimeException(() -> DatabaseInitializationMode.valueOf("SOMETIMES"));

		assertThat(StartFailures.describe(failure, asSpringApplicationPreparesIt("--a.mode=sometimes",
				"--b.mode=sometimes")).exitCode()).isEqualTo(ExitCodes.FAILED);
		assertThat(StartFailures.describe(failure, asSpringApplicationPreparesIt("--a.mode=never")).message())
			.startsWith("could not start: ");
	}

	@Test
	void aSecretReadFromTheEnvironmentAsAnotherTypeIsNeverPrinted() {
		assertThat(readAs("--fanout.vault.token=hunter2", "fanout.vault.token", Integer.class))
			.isEqualTo("setting fanout.vault.token (env FANOUT_VAULT_TOKEN) is (hidden): expected a whole number")
			.doesNotContain("hunter2");
	}

	@Test
	void aConstraintOfBeanValidationNamesTheSettingTooWithExitCode2() {
		StandardEnvironment environment = commandLine("--fanout.tuning.chunk-size=0");
		Validator atLeastOne = new Validator() {
			@Override
			public boolean supports(Class<?> type) {
				return type == Tuning.class;
			}

			@Override
			public void validate(Object target, Errors errors) {
				if (((Tuning) target).chunkSize() < 1) {
					errors.rejectValue("chunkSize", "min", "a whole number of 1 or more");
				}
			}
		};
		RuntimeException failure = catchRuntimeException(() -> Binder.get(environment)
			.bind("fanout.tuning", Bindable.of(Tuning.class), new ValidationBindHandler(atLeastOne)));

		assertThat(StartFailures.describe(failure, environment)).isEqualTo(new StartFailure("setting "
				+ "fanout.tuning.chunk-size (env FANOUT_TUNING_CHUNK_SIZE) is '0': expected a whole number of 1 or more",
				ExitCodes.USAGE));
	}

	@Test
	void aRepositoryThatCannotBeReachedIsNamedWithoutCredentialsWithWhatToCheck() throws Exception {
		int closed;
		try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			closed = socket.getLocalPort();
		}
		String url = "jdbc:postgresql://127.0.0.1:%d/fanout?user=fanout&password=secret".formatted(closed);
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url", url)
			.withProperty("spring.datasource.password", "secret");
		SQLException refused = catchThrowableOfType(SQLException.class,
				() -> DriverManager.getConnection(url, "fanout", "secret").close());

		StartFailure line = StartFailures.describe(new IllegalStateException("Failed to determine DatabaseDriver",
				new MetaDataAccessException("Error while extracting DatabaseMetaData", refused)), environment);

		assertThat(line).isEqualTo(new StartFailure(("cannot reach the job repository at "
				+ "jdbc:postgresql://127.0.0.1:%d/fanout (Connection refused): check that its database server runs and "
				+ "accepts connections there, or correct spring.datasource.url (env SPRING_DATASOURCE_URL)")
			.formatted(closed), ExitCodes.FAILED));
		assertThat(line.message()).doesNotContain("secret");
	}

	@Test
	void aRepositoryThatRefusesTheLoginOrHasNoSuchDatabaseIsASettingToFixWithExitCode2() {
		MockEnvironment environment = new MockEnvironment().withProperty("spring.datasource.url",
				"jdbc:postgresql://db:5432/fanout").withProperty("spring.datasource.password", "hunter2");

		StartFailure login = StartFailures.describe(new IllegalStateException("Failed to determine DatabaseDriver",
				new SQLException("FATAL: password authentication failed for user \"fanout\" (hunter2)", "28P01")),
				environment);
		StartFailure database = StartFailures.describe(new IllegalStateException("Failed to determine DatabaseDriver",
				new SQLException("FATAL: database \"fanout\" does not exist", "3D000")), environment);

		assertThat(login).isEqualTo(new StartFailure("the job repository at jdbc:postgresql://db:5432/fanout refused "
				+ "the login (FATAL: password authentication failed for user \"fanout\" (***)): check "
				+ "spring.datasource.username and spring.datasource.password (env SPRING_DATASOURCE_USERNAME, "
				+ "SPRING_DATASOURCE_PASSWORD)", ExitCodes.USAGE));
		assertThat(database).isEqualTo(new StartFailure("the job repository at jdbc:postgresql://db:5432/fanout has no "
				+ "such database (FATAL: database \"fanout\" does not exist): create it, or correct "
				+ "spring.datasource.url (env SPRING_DATASOURCE_URL)", ExitCodes.USAGE));
	}

	@Test
	void aShortPasswordIsHiddenWhereItStandsWithoutManglingTheWordsThatHoldIt() {
		StandardEnvironment environment = asSpringApplicationPreparesIt("--spring.datasource.password=x",
				"--spring.datasource.hikari.maximum-pool-size=x");
		RuntimeException failure = catchRuntimeException(
				() -> environment.getProperty("spring.datasource.hikari.maximum-pool-size", Integer.class));

		assertThat(StartFailures.describe(failure, environment).message()).isEqualTo("setting "
				+ "spring.datasource.hikari.maximum-pool-size (env SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE) is "
				+ "'***': expected a whole number");
		assertThat(RepositoryFailures.scrub("login refused (x) for jdbc:h2:tcp://127.0.0.1/fanout;PASSWORD=x",
				new MockEnvironment().withProperty("spring.datasource.password", "x")))
			.isEqualTo("login refused (***) for jdbc:h2:tcp://127.0.0.1/fanout;PASSWORD=***");
	}

	@Test
	void aUrlLosesItsUserPasswordAndParameters() {
		assertThat(RepositoryFailures.withoutCredentials("jdbc:postgresql://u:p@db:5432/fanout?user=u&password=p"))
			.isEqualTo("jdbc:postgresql://db:5432/fanout");
		assertThat(RepositoryFailures.withoutCredentials("jdbc:h2:tcp://127.0.0.1:9092/x;USER=sa;PASSWORD=p"))
			.isEqualTo("jdbc:h2:tcp://127.0.0.1:9092/x");
		assertThat(RepositoryFailures.withoutCredentials("jdbc:oracle:thin:scott/tiger@db:1521:orcl"))
			.isEqualTo("jdbc:oracle:thin:db:1521:orcl");
		assertThat(RepositoryFailures.withoutCredentials("jdbc:postgresql://db/fanout")).isEqualTo("jdbc:postgresql://db/fanout");
	}

	private static StandardEnvironment commandLine(String... args) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/** With Boot's property resolver, as SpringApplication's environment has it. */
	private static StandardEnvironment asSpringApplicationPreparesIt(String... args) {
		StandardEnvironment environment = new StandardEnvironment() {
			@Override
			protected ConfigurablePropertyResolver createPropertyResolver(MutablePropertySources propertySources) {
				return ConfigurationPropertySources.createPropertyResolver(propertySources);
			}
		};
		environment.getPropertySources().addFirst(new SimpleCommandLinePropertySource(args));
		ConfigurationPropertySources.attach(environment);
		return environment;
	}

	/** The line for a setting given as {@code argument} that code reads from the environment as {@code type}. */
	private static String readAs(String argument, String property, Class<?> type) {
		StandardEnvironment environment = asSpringApplicationPreparesIt(argument);
		RuntimeException failure = catchRuntimeException(() -> environment.getProperty(property, type));
		assertThat(failure).as("reading %s", property).isNotNull();
		StartFailure line = StartFailures.describe(failure, environment);
		assertThat(line.exitCode()).isEqualTo(ExitCodes.USAGE);
		return line.message();
	}

	private static StartFailure failure(StandardEnvironment environment, String prefix, Class<?> properties) {
		RuntimeException failure = catchRuntimeException(() -> Binder.get(environment).bindOrCreate(prefix,
				properties));
		assertThat(failure).as("binding %s", prefix).isNotNull();
		return StartFailures.describe(failure, environment);
	}

	record Tuning(@DefaultValue("1000") int chunkSize, @DefaultValue("1s") Duration commitInterval) {
	}

	record Vault(int token) {
	}

}
