package dev.fanout.schedule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.support.SystemEnvironmentPropertySourceEnvironmentPostProcessor;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.core.io.FileSystemResource;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.FanoutApplication;
import dev.fanout.TestDataDirectories;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.cli.StartFailures;
import dev.fanout.core.ExitCodes;
import dev.fanout.launch.Launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Binding of {@code fanout.schedules} and its checks: each mistake is named with what to fix, all in one message, and
 * only {@code serve} and {@code schedules} refuse to work with a broken schedule.
 */
@SpringBootTest(properties = { "fanout.schedules[0].name=broken", "fanout.schedules[0].job=factorise",
		"fanout.schedules[0].cron=0 0 2 * * *" })
class ScheduleCatalogTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("ScheduleCatalogTests").toString());
	}

	@Autowired
	Launcher launcher;

	@Autowired
	FanoutCommandLine commandLine;

	@Test
	void bindsTheYamlOfTheReadme() throws Exception {
		String yaml = """
				fanout:
				  schedules:
				    - name: nightly-factorize
				      job: factorize
				      cron: "0 0 2 * * *"
				      zone: Europe/Berlin
				      misfire: run-once
				      parameters:
				        threads: 2
				        algorithm: naive
				""";
		var sources = new YamlPropertySourceLoader().load("test", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
		SchedulesProperties bound = new Binder(ConfigurationPropertySources.from(sources))
			.bind("fanout", SchedulesProperties.class).get();

		Schedule schedule = catalog(bound.schedules().toArray(ScheduleProperties[]::new)).schedules().get(0);
		assertThat(schedule.name()).isEqualTo("nightly-factorize");
		assertThat(schedule.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
		assertThat(schedule.misfire()).isEqualTo(Misfire.RUN_ONCE);
		assertThat(schedule.parameters()).isEqualTo(Map.of("threads", "2", "algorithm", "naive"));
		assertThat(schedule.launchParameters()).containsEntry("file", "factorize/numbers.txt").containsEntry("threads", "2");
	}

	@Test
	void theCommentedExamplesOfConfigApplicationYmlAreValid() throws Exception {
		StringBuilder yaml = new StringBuilder("fanout:\n");
		boolean inBlock = false;
		for (String line : Files.readAllLines(Path.of("config/application.yml"))) {
			inBlock = line.equals("  # schedules:") || (inBlock && line.startsWith("  #   "));
			if (inBlock) {
				yaml.append("  ").append(line.substring(4)).append('\n');
			}
		}
		var sources = new YamlPropertySourceLoader().load("config",
				new ByteArrayResource(yaml.toString().getBytes(StandardCharsets.UTF_8)));
		SchedulesProperties bound = new Binder(ConfigurationPropertySources.from(sources))
			.bind("fanout", SchedulesProperties.class).get();

		List<Schedule> examples = catalog(bound.schedules().toArray(ScheduleProperties[]::new)).schedules();
		assertThat(examples).extracting(Schedule::name).containsExactly("nightly-factorize", "sensors-every-15-min");
		assertThat(examples.get(1).parameters()).isEqualTo(Map.of("sensors", "3", "readings", "1000"));
	}

	@Test
	void zoneAndMisfireHaveDefaults() {
		Schedule schedule = catalog(entry("plain", "factorize", "0 0 * * * *", null, null, null)).schedules().get(0);
		assertThat(schedule.zone()).isEqualTo(ZoneId.systemDefault());
		assertThat(schedule.misfire()).isEqualTo(Misfire.SKIP);
	}

	@Test
	void eachMistakeIsNamedWithWhatToFixAllInOneMessage() {
		ScheduleCatalog catalog = catalog(entry("a", "factorise", "0 0 2 * * *", null, null, null),
				entry("b", "factorize", "0 0 25 * * *", null, null, null),
				entry("c", "factorize", "0 0 * * *", null, null, null),
				entry("d", "factorize", "0 0 2 * * *", Map.of("colour", "blue"), null, null),
				entry("e", "factorize", "0 0 2 * * *", Map.of("threads", "0"), null, null),
				entry("f", "factorize", "0 0 2 * * *", Map.of("run.id", "x"), null, null),
				entry("g", "factorize", "0 0 2 * * *", null, "sometimes", null),
				entry("h", "factorize", "0 0 2 * * *", null, null, "Mars/Olympus"),
				entry("a", "factorize", "0 0 2 * * *", null, null, null),
				entry("bad name", "factorize", "0 0 2 * * *", null, null, null),
				entry(null, null, "0 0 2 * * *", null, null, null));

		assertThatThrownBy(catalog::schedules).isInstanceOf(InvalidSchedulesException.class)
			.hasMessageStartingWith("11 problems in fanout.schedules: fanout.schedules[0] (a): ")
			.hasMessageContaining("fanout.schedules[0] (a): unknown job 'factorise'; jobs: chapter, factorize, images")
			.hasMessageContaining("fanout.schedules[1] (b): cron '0 0 25 * * *': Invalid value for HourOfDay")
			.hasMessageContaining("fanout.schedules[2] (c): cron '0 0 * * *': Cron expression must consist of 6 fields")
			.hasMessageContaining("e.g. '0 0 2 * * *' for 02:00 every day")
			.hasMessageContaining("fanout.schedules[3] (d): unknown parameter colour for job 'factorize'; it takes: numbers")
			.hasMessageContaining("fanout.schedules[4] (e): threads=0 is not a whole number from 1 to 256")
			.hasMessageContaining("fanout.schedules[5] (f): run.id is reserved")
			.hasMessageContaining("fanout.schedules[6] (g): misfire 'sometimes' is not one of skip, run-once")
			.hasMessageContaining("fanout.schedules[7] (h): zone 'Mars/Olympus' is not a time zone")
			.hasMessageContaining("fanout.schedules[8] (a): the name 'a' is used twice")
			.hasMessageContaining("fanout.schedules[9] (bad name): name 'bad name' must be 1-60 letters")
			.hasMessageContaining("fanout.schedules[10]: 'name' is missing");
	}

	/**
	 * What every launch refuses before it writes anything: such a schedule was accepted, and then each firing failed
	 * half-way (an instance without an execution, logged as another launch at the same moment), or kept the control
	 * character in the repository.
	 */
	@Test
	void aValueLongerThanTheRepositoryKeepsOrWithAControlCharacterIsAMistake() {
		ScheduleCatalog catalog = catalog(
				entry("long", "factorize", "0 0 2 * * *", Map.of("numbers", "7,".repeat(1300) + "7"), null, null),
				entry("nul", "factorize", "0 0 2 * * *", Map.of("numbers", "12,\u000015"), null, null));

		assertThatThrownBy(catalog::schedules).isInstanceOf(InvalidSchedulesException.class)
			.hasMessageContaining("fanout.schedules[0] (long): numbers is 2,601 characters long, more than the 2,500 the "
					+ "job repository keeps of a parameter: put the values in a file and give file=PATH instead")
			.hasMessageContaining("fanout.schedules[1] (nul): numbers has a control character (U+0000) in its value");
	}

	/** Accepted, such a schedule was listed as firing 'never', and served without a word. */
	@Test
	void aCronThatNeverFiresIsAMistakeButOneThatFiresOnceInYearsIsNot() {
		ScheduleCatalog catalog = catalog(entry("feb30", "factorize", "0 0 0 30 2 *", null, null, null),
				entry("apr31", "factorize", "0 0 0 31 4 *", null, null, null));

		assertThatThrownBy(catalog::schedules).isInstanceOf(InvalidSchedulesException.class)
			.hasMessageContaining("fanout.schedules[0] (feb30): cron '0 0 0 30 2 *' never fires: no day matches its "
					+ "day-of-month, month and day-of-week (such as February 30th)")
			.hasMessageContaining("fanout.schedules[1] (apr31): cron '0 0 0 31 4 *' never fires");
		assertThat(catalog(entry("leap-monday", "factorize", "0 0 0 29 2 MON", null, null, "UTC")).schedules())
			.singleElement()
			.satisfies((schedule) -> assertThat(schedule.nextFireTimes(Instant.now(), 1)).hasSize(1));
	}

	@Test
	void aBrokenScheduleFailsTheSchedulesCommandButNoOtherCommand() {
		CommandResult schedules = CommandResult.of(this.commandLine, "schedules");
		assertThat(schedules.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(schedules.err().strip()).isEqualTo("fanout: 1 problem in fanout.schedules (from Inlined Test Properties): "
				+ "fanout.schedules[0] (broken): unknown job 'factorise'; jobs: chapter, factorize, images, life, "
				+ "openssl, sensors");

		CommandResult history = CommandResult.of(this.commandLine, "history");
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(ExitCodes.OK);
		assertThat(CommandResult.of(this.commandLine, "jobs").exitCode()).isEqualTo(ExitCodes.OK);
	}

	@Test
	void aBrokenScheduleStopsServeFromStartingWithOneMessage() {
		String dataDir = "--fanout.data-dir=" + TestDataDirectories.fresh("ScheduleCatalogTests-serve");
		assertThatThrownBy(() -> new SpringApplicationBuilder(FanoutApplication.class).run(dataDir,
				"--fanout.serving=true", "--fanout.schedules[0].name=nightly", "--fanout.schedules[0].job=factorize",
				"--fanout.schedules[0].cron=0 0 2 * *"))
			.satisfies((ex) -> assertThat(ReadableFailures.describe(ex)).isEqualTo(
					"1 problem in fanout.schedules on the command line: fanout.schedules[0] (nightly): cron "
							+ "'0 0 2 * *': Cron expression must consist of 6 fields (found 5 in \"0 0 2 * *\") (six "
							+ "fields: second minute hour day-of-month month day-of-week, e.g. '0 0 2 * * *' for 02:00 "
							+ "every day)"))
			// As the schedules command says it: exit code 2, and no "could not start" before it (exit code 1).
			.satisfies((ex) -> assertThat(StartFailures.describe((RuntimeException) ex, null))
				.isEqualTo(new StartFailures.StartFailure("1 problem in fanout.schedules on the command line: "
						+ "fanout.schedules[0] (nightly): cron '0 0 2 * *': Cron expression must consist of 6 fields "
						+ "(found 5 in \"0 0 2 * *\") (six fields: second minute hour day-of-month month day-of-week, "
						+ "e.g. '0 0 2 * * *' for 02:00 every day)", ExitCodes.USAGE)));
	}

	/**
	 * The problems' message names where the schedules were given, not always config/application.yml: the source Boot
	 * bound the list from, the first that has entries of it.
	 */
	@Test
	void theProblemsNameWhereTheSchedulesWereGiven(@TempDir Path directory) throws Exception {
		Path file = Files.writeString(directory.resolve("schedules.yml"), """
				fanout:
				  schedules:
				    - name: typo
				      job: factorise
				      cron: "0 0 2 * * *"
				""");
		StandardEnvironment fromFile = new StandardEnvironment();
		new YamlPropertySourceLoader().load("Config resource 'file [schedules.yml]'", new FileSystemResource(file))
			.forEach(fromFile.getPropertySources()::addLast);
		assertThat(problems(fromFile)).startsWith("1 problem in fanout.schedules in " + file + ": fanout.schedules[0] "
				+ "(typo): unknown job 'factorise'");

		StandardEnvironment fromCommandLine = new StandardEnvironment();
		new YamlPropertySourceLoader().load("config", new FileSystemResource(file))
			.forEach(fromCommandLine.getPropertySources()::addLast);
		fromCommandLine.getPropertySources().addFirst(new SimpleCommandLinePropertySource(
				"--fanout.schedules[0].name=typo", "--fanout.schedules[0].job=factorise",
				"--fanout.schedules[0].cron=0 0 2 * * *"));
		assertThat(problems(fromCommandLine)).as("the command line outranks the file, whose list is not bound")
			.startsWith("1 problem in fanout.schedules on the command line: ");

		StandardEnvironment fromVariables = new StandardEnvironment();
		fromVariables.getPropertySources().replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
				new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
						Map.of("FANOUT_SCHEDULES_0_NAME", "typo", "FANOUT_SCHEDULES_0_JOB", "factorise",
								"FANOUT_SCHEDULES_0_CRON", "0 0 2 * * *")));
		// As SpringApplication prepares it: variables that know their origin.
		new SystemEnvironmentPropertySourceEnvironmentPostProcessor().postProcessEnvironment(fromVariables,
				new SpringApplication());
		assertThat(problems(fromVariables)).matches("1 problem in fanout.schedules in the environment "
				+ "\\(FANOUT_SCHEDULES_0_(NAME|JOB|CRON)\\): fanout.schedules\\[0] \\(typo\\): unknown job.*");
	}

	/** The message of the problems of the schedules that Boot binds from the environment. */
	private String problems(StandardEnvironment environment) {
		ConfigurationPropertySources.attach(environment);
		SchedulesProperties bound = Binder.get(environment).bind("fanout", SchedulesProperties.class).get();
		ScheduleCatalog catalog = new ScheduleCatalog(bound, this.launcher, environment);
		return catchThrowableOfType(InvalidSchedulesException.class, catalog::schedules).getMessage();
	}

	private ScheduleCatalog catalog(ScheduleProperties... entries) {
		return new ScheduleCatalog(new SchedulesProperties(Arrays.asList(entries)), this.launcher,
				new StandardEnvironment());
	}

	private static ScheduleProperties entry(String name, String job, String cron, Map<String, String> parameters,
			String misfire, String zone) {
		return new ScheduleProperties(name, job, cron, (parameters != null) ? new HashMap<>(parameters) : null, misfire,
				zone);
	}


}
