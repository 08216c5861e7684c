package dev.fanout.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.JobInterruptedException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.interceptor.BeanFactoryTransactionAttributeSourceAdvisor;

import dev.fanout.CommandResult;
import dev.fanout.RepositoryFixtures;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.launch.Launcher;
import dev.fanout.recovery.ExecutionClaims;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The CLI's commands run in-process against a real repository: exit codes, messages and effects. */
@SpringBootTest
class FanoutCommandLineTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("FanoutCommandLineTests").toString());
	}

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	FanoutProperties fanout;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	DataSource dataSource;

	@Autowired
	JsonMapper json;

	@Autowired
	Launcher launcher;

	@Autowired
	ExecutionClaims claims;

	@Autowired
	ApplicationContext context;

	@Test
	void aCommandStartsNoneOfServesMachinery() {
		// This test's context is a command's (web application type none); serve's is checked by MetricsTests and the
		// web tests, which need the same auto-configurations.
		List<String> serveOnly = List.of("org.springframework.boot.actuate", "org.springframework.boot.micrometer",
				"org.springframework.boot.health", "io.micrometer", "org.springframework.security",
				"org.springframework.boot.security", "org.thymeleaf", "org.springframework.boot.thymeleaf",
				"org.springdoc", "org.springframework.web.servlet", "org.springframework.boot.webmvc",
				"org.springframework.boot.tomcat", "org.apache.catalina", "org.springframework.boot.http.converter");
		List<String> started = Arrays.stream(this.context.getBeanDefinitionNames())
			.map((name) -> name + " " + this.context.getType(name))
			.filter((bean) -> serveOnly.stream().anyMatch(bean::contains))
			.toList();

		assertThat(started).isEmpty();
		assertThat(this.context.getBeanNamesForType(JobRepository.class)).isNotEmpty();
	}

	@Test
	void aCommandLooksForNoTransactionalAnnotationsButHasItsTransactionManager() {
		assertThat(this.context.getBeanNamesForType(BeanFactoryTransactionAttributeSourceAdvisor.class)).isEmpty();
		assertThat(this.context.getBeanNamesForType(PlatformTransactionManager.class)).isNotEmpty();
	}

	@Test
	void benchStartupRefusesBadOptionsBeforeStartingAnything() {
		CommandResult repeat = run("bench", "startup", "--repeat", "0");
		assertThat(repeat.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(repeat.err()).isEqualTo("fanout: --repeat '0' is not a whole number from 1 to 2147483647; see "
				+ "'fanout bench startup --help'\n");

		CommandResult jar = run("bench", "startup", "--jar", "/nonexistent/fanout.jar");
		assertThat(jar.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(jar.err()).contains("/nonexistent/fanout.jar is not a file");
	}

	@Test
	void runPrintsTheExecutionStatusAndOutputAndRefusesToRerunACompletedInstance() throws IOException {
		CommandResult first = run("run", "factorize", "threads=2", "algorithm=naive");

		assertThat(first.exitCode()).as(first.toString()).isEqualTo(ExitCodes.OK);
		assertThat(first.out()).containsPattern("Started execution \\d+ of factorize")
			.containsPattern("Execution \\d+ COMPLETED in [0-9.]+ s")
			.contains("Output: " + this.fanout.outputDirectory("factorize"));
		Path output = Path.of(first.out().lines().filter((l) -> l.startsWith("Output: ")).findFirst().orElseThrow().substring(8));
		assertThat(Files.readString(output)).startsWith("number,divisor_count,divisors\n2139079,4,1 101 21179 2139079\n");

		CommandResult again = run("run", "factorize", "threads=2", "algorithm=naive");
		assertThat(again.exitCode()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(again.err()).contains("already completed").contains("--new");

		CommandResult fresh = run("run", "factorize", "threads=2", "algorithm=naive", "--new");
		assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(ExitCodes.OK);
		assertThat(fresh.out()).doesNotContain(output.toString());
	}

	@Test
	void aNewInstanceSkipsTheRunIdThatAnotherLaunchClaimedAtTheSameMoment() {
		List<String> given = List.of("numbers=77,91", "threads=1");
		// Another launch of a new instance chose the same next run id and holds its claim while this one starts.
		JobParameters chosenByBoth = this.launcher.parameters("factorize", given, true);
		String taken = chosenByBoth.getString(JobDescription.RUN_ID);
		CommandResult fresh;
		try (ExecutionClaims.Claim other = this.claims.claim("factorize", chosenByBoth)) {
			fresh = run("run", "factorize", "numbers=77,91", "threads=1", "--new");
		}

		assertThat(fresh.exitCode()).as(fresh.toString()).isEqualTo(ExitCodes.OK);
		JobExecution execution = this.jobRepository.getJobExecution(executionId(fresh));
		assertThat(execution.getJobParameters().getString(JobDescription.RUN_ID))
			.isEqualTo(Long.toString(Long.parseLong(taken) + 1));
		assertThat(this.jobRepository.getJobInstance("factorize", chosenByBoth)).as("left to the other launch").isNull();
	}

	/** Bad job inputs are in {@link BadInputCatalogueTests}; this is picocli's own refusal. */
	@Test
	void completionPrintsABashScriptThatCompletesCommandsBenchesAndJobNames() throws Exception {
		CommandResult completion = run("completion");
		assertThat(completion.exitCode()).as(completion.toString()).isZero();
		Path script = TestDataDirectories.fresh("FanoutCommandLineTests-completion").resolve("fanout.bash");
		Files.writeString(script, completion.out());

		assertThat(complete(script, "fanout hi")).isEqualTo("history");
		assertThat(complete(script, "fanout run fa")).isEqualTo("factorize");
		assertThat(complete(script, "fanout run ")).isEqualTo("chapter factorize images life openssl sensors");
		assertThat(complete(script, "fanout bench ")).contains("all", "startup", "factorize", "life");
	}

	/** What bash offers for the line's last word (empty after a space) with the script loaded, as Tab would. */
	private static String complete(Path script, String line) throws Exception {
		Process bash = new ProcessBuilder("bash", "-c", """
				source "$1"
				read -ra COMP_WORDS <<< "$2"
				[[ "$2" == *' ' ]] && COMP_WORDS+=('')
				COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
				COMP_LINE="$2"
				_complete_fanout
				echo "${COMPREPLY[*]}"
				""", "bash", script.toString(), line).redirectErrorStream(true).start();
		assertThat(bash.waitFor(30, TimeUnit.SECONDS)).as("bash completed").isTrue();
		return new String(bash.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
	}

	/** Spring Boot joins a repeated setting's values with commas: a data directory named "/a,/b" was created. */
	@Test
	void aSettingGivenTwiceIsRefusedByNameWithoutItsValues() {
		assertThat(FanoutCommandLine.repeatedSetting(new String[] { "--fanout.data-dir=/a", "run", "factorize",
				"--spring.datasource.password=secret", "--fanout.data-dir=/b" }))
			.contains("setting fanout.data-dir is given 2 times on the command line; give it once (a list as one "
					+ "comma-separated value)");
		assertThat(FanoutCommandLine.repeatedSetting(new String[] { "--spring.datasource.password=s3cret-1", "history",
				"--spring.datasource.password=s3cret-2" }))
			.hasValueSatisfying((refusal) -> assertThat(refusal).doesNotContain("s3cret"));
		assertThat(FanoutCommandLine.repeatedSetting(new String[] { "--fanout.data-dir=/a", "run", "factorize",
				"threads=2", "--spring.profiles.active=postgres,remote" })).isEmpty();
	}

	/** Spring Boot reads them, and picocli refused them as unknown options of the command they were given with. */
	@Test
	void aSettingWithAnIndexOrKeyInBracketsIsASettingNotAnOption() {
		assertThat(FanoutCommandLine.withoutSpringProperties(new String[] { "schedules", "--fanout.schedules[0].name=a",
				"--fanout.schedules[0].cron=0 0 2 * * *", "--fanout.schedules[1]=b",
				"--fanout.schedules[0].parameters[numbers]=12", "--count=2", "--a=b.c", "--x[0]=y" }))
			.containsExactly("schedules", "--count=2", "--a=b.c", "--x[0]=y");
		assertThat(FanoutCommandLine.repeatedSetting(new String[] { "--fanout.schedules[0].job=a", "schedules",
				"--fanout.schedules[0].job=b" }))
			.contains("setting fanout.schedules[0].job is given 2 times on the command line; give it once (a list as "
					+ "one comma-separated value)");
	}

	@Test
	void anUnknownCommandOrOptionIsRefusedInOneLineWithTheSuggestionsAndWhereTheUsageIs() {
		assertRefused(run("histroy", "factorize"),
				"unknown command 'histroy' (did you mean 'history' or 'stop'?); 'fanout help' lists the commands");
		assertRefused(run("frobnicate"), "unknown command 'frobnicate'");
		assertRefused(run("history", "--jsn"),
				"unknown option '--jsn' for 'fanout history' (did you mean '--json'?); see 'fanout help history'");
		assertRefused(run("--frob", "jobs"), "unknown option '--frob'; see 'fanout help'");
		assertRefused(run("run", "factorize", "--frob"), "unknown option '--frob' for 'fanout run'");
		assertRefused(run("--fanout.data-dir", "/tmp/x", "jobs"),
				"unknown option '--fanout.data-dir'; give settings as --name=value; see 'fanout help'");
		assertRefused(run("jobs", "extra"), "unexpected argument 'extra' for 'fanout jobs'; see 'fanout help jobs'");
		assertRefused(run("bench", "factorise"), "'fanout bench' has no subcommand 'factorise' (did you mean "
				+ "'factorize' or 'sensors'?); it has: all, factorize, images, life, openssl, sensors, startup; see 'fanout help bench'");
		assertRefused(run("show", "1", "2"), "unexpected argument '2' for 'fanout show'; see 'fanout help show'");
		assertRefused(run("history", "--limit", "1", "--limit", "2"),
				"option '--limit' (N) should be specified only once; see 'fanout help history'");
	}

	@Test
	void aMissingArgumentIsNamedInOneLineWithWhereTheUsageIs() {
		assertRefused(run("run"), "'fanout run' needs JOB, the job to run, e.g. factorize; see 'fanout help run'");
		assertRefused(run("show"),
				"'fanout show' needs EXECUTION_ID, the execution ('history' lists them); see 'fanout help show'");
		for (String command : List.of("restart", "stop", "abandon")) {
			assertRefused(run(command), "'fanout %s' needs EXECUTION_ID".formatted(command));
		}
		assertRefused(run("prune"), "'fanout prune' needs --older-than=AGE, the cut-off: ");
		assertRefused(run("history", "--limit"), "'fanout history' needs --limit=N, at most N executions");
		assertRefused(run("bench"), "'fanout bench' needs a benchmark: all, startup, factorize, images, life, "
				+ "openssl, sensors; see 'fanout help bench'");
	}

	@Test
	void schedulesWithoutAnySaysWhichPageDescribesThem() {
		CommandResult result = run("schedules");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		// The README has no section on schedules: operations.md has.
		assertThat(result.out().strip()).isEqualTo("No schedules. Add them under fanout.schedules in "
				+ "config/application.yml (docs: operations.md, Schedules).");
	}

	@Test
	void aNumberOutOfItsRangeIsRefusedNamingTheRange() {
		assertRefused(run("history", "--limit", "99999999999"),
				"--limit '99999999999' is not a whole number from 1 to 2147483647; see 'fanout help history'");
		assertRefused(run("history", "--limit", "0"), "--limit '0' is not a whole number from 1 to 2147483647");
		assertRefused(run("history", "--limit=many"), "--limit 'many' is not a whole number from 1 to 2147483647");
		assertRefused(run("schedules", "--count", "101"), "--count '101' is not a whole number from 1 to 100");
		assertRefused(run("worker", "--slots", "0"), "--slots '0' is not a whole number from 1 to 256");
		// Without a range of its own, an option takes its type's.
		assertRefused(run("bench", "factorize", "--count", "99999999999"),
				"--count '99999999999' is not a whole number from -2147483648 to 2147483647; "
						+ "see 'fanout bench factorize --help'");
	}

	private static void assertRefused(CommandResult result, String message) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).as(result.toString()).startsWith("fanout: " + message).endsWith("\n");
		assertThat(result.err().lines()).as("one line").hasSize(1);
		assertThat(result.out()).as("nothing on standard output").isEmpty();
	}

	@Test
	void aStopMarksTheExecutionStoppingUntilItHasStoppedAndASecondStopSaysSo() {
		JobParameters parameters = this.launcher.parameters("factorize", List.of("numbers=28", "threads=1"), false);
		JobExecution running = this.jobRepository.createJobExecution(
				this.jobRepository.createJobInstance("factorize", parameters), parameters, new ExecutionContext());
		running.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(running);

		CommandResult stop = run("stop", Long.toString(running.getId()));
		assertThat(stop.exitCode()).as(stop.toString()).isEqualTo(ExitCodes.OK);
		assertThat(this.jobRepository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STOPPING);

		CommandResult again = run("stop", Long.toString(running.getId()));
		assertThat(again.exitCode()).as(again.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(again.err()).contains("execution %d is already stopping".formatted(running.getId()))
			.contains("recover " + running.getId());
	}

	/** What kill -9 leaves (KillAndRestartTests kills real processes): an execution that stays STARTED. */
	@Test
	void anExecutionLeftStartedByADeadProcessBlocksRelaunchesUntilRecovered() {
		String[] launch = { "run", "factorize", "numbers=8128,496", "threads=1" };
		JobParameters parameters = this.launcher.parameters("factorize", List.of(launch).subList(2, 4), false);
		JobExecution dead = this.jobRepository.createJobExecution(
				this.jobRepository.createJobInstance("factorize", parameters), parameters, new ExecutionContext());
		dead.setStatus(BatchStatus.STARTED);
		// Started long ago, with no owner record: its process is gone.
		dead.setStartTime(LocalDateTime.now().minusHours(2));
		this.jobRepository.update(dead);

		CommandResult blocked = run(launch);
		assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(blocked.err()).contains("was left running and is orphaned").contains("recover " + dead.getId());

		CommandResult recovered = run("recover", Long.toString(dead.getId()));
		assertThat(recovered.exitCode()).as(recovered.toString()).isEqualTo(ExitCodes.OK);
		assertThat(recovered.out()).contains("now FAILED");
		CommandResult restarted = run("restart", Long.toString(dead.getId()));
		assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.OK);
		assertThat(restarted.out()).contains("COMPLETED");
	}

	/**
	 * What a launch leaves when its process dies, or its connection breaks, between Spring Batch's creation of the
	 * instance and of its first execution (two transactions): an instance with no execution, which Spring Batch
	 * refuses to launch ever again ("Cannot find any job execution").
	 */
	@Test
	void anInstanceLeftWithoutAnExecutionIsLaunchedAsIfNew() {
		String[] launch = { "run", "factorize", "numbers=945,36", "threads=1" };
		JobParameters parameters = this.launcher.parameters("factorize", List.of(launch).subList(2, 4), false);
		this.jobRepository.createJobInstance("factorize", parameters);

		CommandResult run = run(launch);
		assertThat(run.exitCode()).as(run.toString()).isEqualTo(ExitCodes.OK);
		assertThat(run.out()).contains("COMPLETED");
		assertThat(run.err()).contains("had no execution").contains("launching it as a new instance");
		JobInstance instance = this.jobRepository.getJobInstance("factorize", parameters);
		assertThat(this.jobRepository.getJobExecutions(instance)).extracting(JobExecution::getStatus)
			.containsExactly(BatchStatus.COMPLETED);
	}

	/**
	 * What a process whose repository connection broke at the end of a job leaves: an execution that ended UNKNOWN
	 * with a step left STARTED. Spring Batch's recover and abandon return silently for it; ours change it, and say
	 * so only once the repository does.
	 */
	@Test
	void anExecutionThatEndedUnknownIsListedAsOrphanedRecoveredAndRestarted() {
		JobExecution unknown = endedUnknown("numbers=33550336", "threads=1");

		CommandResult blocked = run("restart", Long.toString(unknown.getId()));
		assertThat(blocked.exitCode()).as(blocked.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(blocked.err()).contains("needs recovering").contains("recover " + unknown.getId());

		CommandResult orphans = run("recover", "--orphans");
		assertThat(orphans.exitCode()).as(orphans.toString()).isEqualTo(ExitCodes.OK);
		assertThat(orphans.out()).contains("Execution %d (factorize) recovered".formatted(unknown.getId()))
			.contains("now FAILED");
		JobExecution recovered = this.jobRepository.getJobExecution(unknown.getId());
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getStepExecutions()).extracting(StepExecution::getStatus).containsOnly(BatchStatus.FAILED);

		CommandResult restarted = run("restart", Long.toString(unknown.getId()));
		assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.OK);
		assertThat(restarted.out()).contains("COMPLETED");
	}

	@Test
	void anExecutionThatEndedUnknownCanBeAbandoned() {
		JobExecution unknown = endedUnknown("numbers=8589869056", "threads=1");
		this.jobRepository.getJobExecution(unknown.getId()).getStepExecutions().forEach((step) -> {
			step.setStatus(BatchStatus.FAILED);
			this.jobRepository.update(step);
		});

		CommandResult abandoned = run("abandon", Long.toString(unknown.getId()));
		assertThat(abandoned.exitCode()).as(abandoned.toString()).isEqualTo(ExitCodes.OK);
		assertThat(this.jobRepository.getJobExecution(unknown.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
	}

	@Test
	void anAbandonedInstanceIsSaidToBeAbandonedWhenRunOrRestartedAgain() {
		String[] launch = { "run", "factorize", "numbers=8589869057", "threads=1" };
		JobParameters parameters = this.launcher.parameters("factorize", List.of(launch).subList(2, 4), false);
		JobExecution failed = RepositoryFixtures.execution(this.jobRepository, "factorize", parameters,
				BatchStatus.FAILED, LocalDateTime.now().minusMinutes(5));
		assertThat(run("abandon", Long.toString(failed.getId())).exitCode()).isEqualTo(ExitCodes.OK);

		CommandResult rerun = run(launch);
		assertThat(rerun.exitCode()).as(rerun.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(rerun.err()).contains("was abandoned in execution " + failed.getId())
			.contains("run it with --new for a fresh instance")
			.doesNotContain("completed");

		CommandResult restart = run("restart", Long.toString(failed.getId()));
		assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(restart.err()).contains("execution %d of factorize was abandoned".formatted(failed.getId()))
			.contains("fanout run factorize numbers=8589869057 threads=1 --new");
	}

	@Test
	void restartOfACompletedExecutionAdvisesRunWithNewNotRestartWithNew() {
		// A --new instance: its run.id is not part of the advice, nor are parameters left at their defaults.
		JobParameters parameters = this.launcher.parameters("factorize",
				List.of("algorithm=naive", "numbers=137438691328"), true);
		JobExecution completed = RepositoryFixtures.execution(this.jobRepository, "factorize", parameters,
				BatchStatus.COMPLETED, LocalDateTime.now().minusMinutes(5));

		CommandResult restart = run("restart", Long.toString(completed.getId()));

		assertThat(restart.exitCode()).as(restart.toString()).isEqualTo(ExitCodes.CONFLICT);
		assertThat(restart.err()).contains("execution %d of factorize already completed".formatted(completed.getId()))
			.contains("restart only resumes a FAILED or STOPPED execution")
			.contains("For a fresh instance with the same parameters: "
					+ "fanout run factorize numbers=137438691328 algorithm=naive --new")
			.doesNotContain("run.id");
		assertThat(Launcher.shellWord("file=my numbers.txt")).isEqualTo("'file=my numbers.txt'");
		assertThat(Launcher.shellWord("file=it's.txt")).isEqualTo("'file=it'\\''s.txt'");
	}

	@Test
	void showSaysInASentenceThatAStepWasStoppedOnRequest() {
		JobExecution stopped = RepositoryFixtures.execution(this.jobRepository, "factorize",
				UniqueJobParameters.of("numbers", "2305843008139952128"), BatchStatus.STOPPED, LocalDateTime.now());
		StepExecution step = this.jobRepository.createStepExecution("factorizeManager", stopped);
		step.setStatus(BatchStatus.STOPPED);
		step.setExitStatus(ExitStatus.STOPPED.addExitDescription(new JobInterruptedException("Job interrupted status detected.")));
		step.setEndTime(LocalDateTime.now());
		this.jobRepository.update(step);

		CommandResult show = run("show", Long.toString(stopped.getId()));

		assertThat(show.exitCode()).as(show.toString()).isEqualTo(ExitCodes.OK);
		assertThat(show.out()).containsPattern("factorizeManager +STOPPED .*  STOPPED: stopped on request \\(")
			.doesNotContain("JobInterruptedException");
	}

	private JobExecution endedUnknown(String... arguments) {
		JobParameters parameters = this.launcher.parameters("factorize", List.of(arguments), false);
		JobExecution execution = RepositoryFixtures.execution(this.jobRepository, "factorize", parameters,
				BatchStatus.UNKNOWN, LocalDateTime.now().minusMinutes(1));
		StepExecution step = this.jobRepository.createStepExecution("factorizeManager", execution);
		step.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(step);
		return execution;
	}

	@Test
	void jobsListsEveryJobWithItsParameters() {
		CommandResult result = run("jobs");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(result.out()).contains("factorize - ")
			.containsPattern("numbers\\s+default -")
			.containsPattern("file\\s+default factorize/numbers.txt")
			.containsPattern("threads\\s+default " + Runtime.getRuntime().availableProcessors())
			.containsPattern("algorithm\\s+default fast")
			.containsPattern("chapter - .*\\n.*\\n  no parameters\\n");
	}

	@Test
	void jobsListsEveryJobWithItsParametersAsJsonToo() {
		CommandResult result = run("jobs", "--json");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		JsonNode jobs = this.json.readTree(result.out());
		assertThat(jobs.isArray()).isTrue();
		assertThat(jobs.valueStream().map((job) -> job.get("name").asString()).toList())
			.containsExactlyElementsOf(this.launcher.descriptions().stream().map(JobDescription::jobName).toList());
		JsonNode factorize = jobs.valueStream().filter((job) -> job.get("name").asString().equals("factorize"))
			.findFirst().orElseThrow();
		assertThat(factorize.get("summary").asString()).isNotBlank();
		Map<String, JsonNode> parameters = new LinkedHashMap<>();
		factorize.get("parameters").valueStream().forEach((p) -> parameters.put(p.get("name").asString(), p));
		assertThat(parameters).containsOnlyKeys("numbers", "file", "threads", "algorithm");
		assertThat(parameters.get("numbers").get("defaultValue").isNull()).as("no default, where jobs prints -").isTrue();
		assertThat(parameters.get("file").get("defaultValue").asString()).isEqualTo("factorize/numbers.txt");
		assertThat(parameters.get("file").get("alternative").asString()).isEqualTo("numbers");
		assertThat(parameters.get("threads").get("defaultValue").asString())
			.isEqualTo(Integer.toString(Runtime.getRuntime().availableProcessors()));
		assertThat(parameters.get("algorithm").get("type").asString()).isEqualTo("string");
		assertThat(run("jobs").out()).contains(parameters.get("algorithm").get("meaning").asString());
	}

	@Test
	void historyListsTheNewestExecutionsOfAllJobsNewestFirstUpToItsLimit() {
		long first = executionId(run("run", "factorize", "numbers=12,18", "threads=1", "--new"));
		long sensors = executionId(run("run", "sensors", "sensors=2", "readings=50", "--new"));
		long last = executionId(run("run", "factorize", "numbers=12,18", "threads=1", "--new"));

		assertThat(ids(run("history", "--limit", "2"))).containsExactly(last, sensors);
		assertThat(ids(run("history", "factorize", "--limit", "2"))).containsExactly(last, first);
		assertThat(ids(run("history", "sensors", "--status", "completed", "--limit", "1"))).containsExactly(sensors);
		assertThat(ids(run("history", "sensors", "--status", "failed"))).doesNotContain(sensors);
	}

	@Test
	void anEmptyHistorySaysWhichFilterFoundNothingAndWhichJobsHaveExecutions() {
		executionId(run("run", "factorize", "numbers=12,18", "threads=1", "--new"));

		CommandResult neverRan = run("history", "openssl");
		assertThat(neverRan.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(neverRan.out()).startsWith("No executions of openssl yet; the repository has executions of ")
			.contains("factorize");
		assertThat(run("history", "factorize", "--status", "stopping").out())
			.isEqualTo("No STOPPING executions of factorize.%n".formatted());
	}

	@Test
	void historyRefusesAnUnknownJobAsRunDoesButListsAJobThatOnlyTheRepositoryKnows() {
		CommandResult mistyped = run("history", "factorze");
		assertRefused(mistyped, "unknown job 'factorze'; jobs: chapter, factorize, images, life, openssl, sensors "
				+ "('jobs' describes them)");
		assertThat(mistyped.err()).isEqualTo(run("run", "factorze").err());

		// A job of another version, say, whose executions are still in the repository.
		long retired = RepositoryFixtures.execution(this.jobRepository, "retiredJob", UniqueJobParameters.of(),
				BatchStatus.COMPLETED, LocalDateTime.now().minusMinutes(1)).getId();
		CommandResult listed = run("history", "retiredJob");
		assertThat(listed.exitCode()).as(listed.toString()).isEqualTo(ExitCodes.OK);
		assertThat(ids(listed)).containsExactly(retired);
	}

	@Test
	void repositoryShowsTheDatabaseFileItsSizeAndTheServerOnLoopback() {
		CommandResult repository = run("repository");

		assertThat(repository.exitCode()).as(repository.toString()).isEqualTo(ExitCodes.OK);
		assertThat(repository.out()).containsPattern("Repository: .*fanout\\.mv\\.db \\(\\d+(\\.\\d)? (B|KiB|MiB|GiB)\\)")
			.containsPattern("Server: +process \\d+ on 127\\.0\\.0\\.1:\\d+, up ");
	}

	/** The execution ids of a history listing, in its order. */
	private static List<Long> ids(CommandResult history) {
		assertThat(history.exitCode()).as(history.toString()).isEqualTo(ExitCodes.OK);
		return history.out().lines().skip(1).map((line) -> Long.parseLong(line.trim().split("\\s+")[0])).toList();
	}

	@Test
	void historyAndShowDescribeExecutionsAsTextAndJson() {
		CommandResult ran = run("run", "factorize", "numbers=6,28,496", "threads=2");
		long id = executionId(ran);

		CommandResult history = run("history", "factorize", "--limit", "5");
		assertThat(history.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(history.out().lines().skip(1).findFirst().orElseThrow()).as("newest first")
			.startsWith("%6d  factorize  COMPLETED".formatted(id))
			.contains("numbers=6,28,496");

		JsonNode list = this.json.readTree(run("history", "--json", "--status", "completed").out());
		assertThat(list.isArray()).isTrue();
		assertThat(list.get(0).get("id").asLong()).isEqualTo(id);
		assertThat(list.valueStream()).allSatisfy((e) -> assertThat(e.get("status").asString()).isEqualTo("COMPLETED"));

		CommandResult show = run("show", Long.toString(id));
		assertThat(show.out()).contains("Execution %d of factorize".formatted(id))
			.contains("factorizeManager")
			.contains("factorizeWorker:partition0")
			.contains("factorizeWorker:partition1")
			.contains("factorizeMerge")
			.contains("output      " + this.fanout.outputDirectory("factorize"));
		List<String> table = show.out().lines().dropWhile((line) -> !line.startsWith("  STEP")).toList();
		int status = table.get(0).indexOf("STATUS");
		int exit = table.get(0).indexOf("EXIT");
		assertThat(table.subList(1, table.size())).as("steps in columns under their headings")
			.hasSize(4)
			.allSatisfy((line) -> assertThat(line.substring(status)).startsWith("COMPLETED"))
			.allSatisfy((line) -> assertThat(line.substring(exit)).isEqualTo("COMPLETED"));

		JsonNode detail = this.json.readTree(run("show", Long.toString(id), "--json").out());
		assertThat(detail.get("execution").get("status").asString()).isEqualTo("COMPLETED");
		assertThat(detail.get("steps")).hasSize(4);
		assertThat(Path.of(detail.get("outputs").get(0).asString())).exists();
	}

	@Test
	void showNamesTheWorkerProcessOfEachPartitionThatRanOnOne() {
		long id = executionId(run("run", "factorize", "numbers=6,28", "threads=2"));
		JobExecution execution = this.jobRepository.getJobExecution(id);
		StepExecution partition = execution.getStepExecutions().stream()
			.filter((step) -> step.getStepName().equals("factorizeWorker:partition0"))
			.findFirst()
			.orElseThrow();
		// As a remote worker's claim records it (dev.fanout.remote.Workers).
		new JdbcTemplate(this.dataSource).update("insert into FANOUT_PARTITION_WORKER (STEP_EXECUTION_ID, "
				+ "JOB_EXECUTION_ID, WORKER_ID, HOST, PID, CLAIMED) values (?, ?, 'node:4242', 'node-7', 4242, "
				+ "CURRENT_TIMESTAMP)", partition.getId(), id);

		List<String> table = run("show", Long.toString(id)).out().lines()
			.dropWhile((line) -> !line.startsWith("  STEP"))
			.toList();

		int worker = table.get(0).indexOf("WORKER");
		assertThat(worker).as(String.join("\n", table)).isPositive();
		assertThat(table).filteredOn((line) -> line.contains("factorizeWorker:partition0")).singleElement()
			.satisfies((line) -> assertThat(line.substring(worker)).startsWith("4242 on node-7"));
		assertThat(table).filteredOn((line) -> line.contains("factorizeWorker:partition1")).singleElement()
			.satisfies((line) -> assertThat(line.substring(worker)).startsWith("-"));
	}

	@Test
	void stateChangingCommandsRefuseWhatTheRepositoryForbids() {
		long id = executionId(run("run", "factorize", "numbers=8128", "threads=1"));

		for (String command : List.of("stop", "abandon", "recover", "restart")) {
			CommandResult result = run(command, Long.toString(id));
			assertThat(result.exitCode()).as(command + ": " + result).isEqualTo(ExitCodes.CONFLICT);
			assertThat(result.err()).containsIgnoringCase("completed");
		}
		CommandResult missing = run("show", "987654");
		assertThat(missing.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(missing.err()).contains("no job execution with id 987654");
	}

	@Test
	void theCommandLineReadsAnInputFileWhereverTheShellUserMeansIt() throws IOException {
		Path outside = Files.createTempDirectory("fanout-cli-input").resolve("numbers.txt");
		Files.writeString(outside, "12\n49\n");
		CommandResult absolute = run("run", "factorize", "file=" + outside, "threads=1");
		assertThat(absolute.exitCode()).as(absolute.toString()).isEqualTo(ExitCodes.OK);
		assertThat(absolute.out()).contains("2 numbers factorized");

		// Relative to the working directory (the project's, when tests run), stored as an absolute path so that a
		// restart from anywhere reads the same file.
		Path here = Path.of("target", "cli-inputs").toAbsolutePath();
		Files.createDirectories(here);
		Files.writeString(here.resolve("numbers.txt"), "6\n");
		CommandResult relative = run("run", "factorize", "file=target/cli-inputs/numbers.txt", "threads=1");
		assertThat(relative.exitCode()).as(relative.toString()).isEqualTo(ExitCodes.OK);
		assertThat(this.jobRepository.getJobExecution(relative.executionId()).getJobParameters().getString("file"))
			.isEqualTo(here.resolve("numbers.txt").toString());
	}

	@Test
	void benchComparesTheJobWithAPlainLoopAndChecksTheyAgree() {
		CommandResult bench = run("bench", "factorize", "--count", "6", "--min", "1000", "--max", "5000", "--threads",
				"1,2", "--repeat", "1");

		assertThat(bench.exitCode()).as(bench.toString()).isEqualTo(ExitCodes.OK);
		assertThat(bench.out()).startsWith("bench factorize on ")
			.contains("  plain loop, 1 thread (whole loop)", "  job, 2 threads (whole run)",
					"outputs: the job's CSV equals the plain loop's at every thread count")
			.containsPattern("job / plain loop, 2 threads: [0-9.]+, best runs \\(target <= 1\\.10: (met|missed)\\)")
			.containsPattern("job speedup, 2 over 1 thread: [0-9.]+, best runs \\(target >= 1\\.85: (met|missed)\\)")
			.contains("  job, 1 thread, numbers <= 1000 (whole run)")
			.containsPattern("job's fixed cost per run, ms \\(job - plain loop, numbers <= 1000\\): -?[0-9.]+, median "
					+ "runs \\(target <= 27\\.50: (met|missed)\\)")
			.containsPattern("job's fixed cost per run, ms \\(job - plain loop, numbers <= 1000\\): -?[0-9.]+, best "
					+ "runs \\(no target\\)");
		assertThat(run("bench", "factorize", "--count", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
		CommandResult workers = run("bench", "factorize", "--workers", "1,2");
		assertThat(workers.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(workers.err()).contains("--workers needs remote workers: run the bench with the postgres,remote profiles");
	}

	@Test
	void benchLifeMeasuresTheKernelTheBandsInMemoryAndTheJobAtEachPartitionCount() {
		CommandResult bench = run("bench", "life", "--size", "64", "--generations", "12", "--partitions", "1,2",
				"--repeat", "1");

		assertThat(bench.exitCode()).as(bench.toString()).isEqualTo(ExitCodes.OK);
		assertThat(bench.out()).contains("bit-parallel kernel, 1 thread", "2 bands in memory, 2 threads",
				"job, partitions=1 (whole run, warm in this JVM)", "job, partitions=2 (generation steps only)",
				"job, partitions=2: final grid equals the kernel's",
				"job, partitions=1 (fresh process, repository times)")
			.containsPattern("outputs \\(step \\+ GIF thread's CPU\\) / whole run, partitions=1: [0-9.]+, median runs "
					+ "\\(target <= 0\\.15: (met|missed)\\)")
			.containsPattern("job speedup \\(whole run\\), partitions=2 over 1: [0-9.]+, best runs \\(no target\\)");
		assertThat(run("bench", "life", "--checkpoint", "often").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void helpListsTheCommandsAndExitCodes() {
		CommandResult help = run("--help");

		assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(help.out()).contains("run", "restart", "stop", "abandon", "recover", "jobs", "history", "show", "bench")
			.contains("Exit codes:");
	}

	@Test
	void helpShowsACommandsUsageAndRefusesAnUnknownOne() {
		CommandResult help = run("help", "run");
		assertThat(help.exitCode()).as(help.toString()).isEqualTo(ExitCodes.OK);
		assertThat(help.out()).contains("Usage: fanout run").contains("JOB");

		CommandResult unknown = run("help", "lunch");
		assertThat(unknown.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(unknown.err()).contains("lunch");
	}

	@Test
	void serveHelpNamesTheDashboardAndTheOperatorPassword() {
		CommandResult help = run("serve", "--help");

		assertThat(help.exitCode()).as(help.toString()).isEqualTo(ExitCodes.OK);
		assertThat(help.out().replaceAll("\\s+", " ")).contains("dashboard is at http://127.0.0.1:8080/")
			.contains("FANOUT_OPERATOR_PASSWORD");
	}

	@Test
	void ignoresSpringPropertiesAmongTheArguments() {
		CommandResult result = run("--fanout.some-setting=1", "jobs");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
	}

	/** The jobs page's parameter tables are a copy of the jobs' descriptions: every name, and every literal default. */
	@Test
	void theJobsPagesParameterTablesAgreeWithTheJobsDescriptions() throws IOException {
		String page = Files.readString(Path.of("src/site/markdown/jobs.md"));
		for (JobDescription<?> job : this.launcher.descriptions()) {
			Matcher heading = Pattern.compile("(?m)^## `" + Pattern.quote(job.jobName()) + "`").matcher(page);
			assertThat(heading.find()).as("a section of jobs.md for %s", job.jobName()).isTrue();
			int sectionEnd = page.indexOf("\n## ", heading.end());
			String section = page.substring(heading.end(), (sectionEnd < 0) ? page.length() : sectionEnd);
			int table = section.indexOf("\n| parameter");
			if (table < 0) {
				assertThat(job.parameters()).as("%s has no parameter table in jobs.md", job.jobName()).isEmpty();
				continue;
			}
			int tableEnd = section.indexOf("\n\n", table);
			Map<String, String> documented = new LinkedHashMap<>();
			Matcher row = Pattern.compile("(?m)^\\| `([\\w.]+)`\\s*\\|\\s*([^|]*?)\\s*\\|")
				.matcher(section.substring(table, tableEnd));
			while (row.find()) {
				documented.put(row.group(1), row.group(2));
			}
			assertThat(documented.keySet()).as("parameters of %s in jobs.md", job.jobName())
				.containsExactlyElementsOf(job.parameters().stream().map(JobParameterDescription::name).toList());
			for (JobParameterDescription parameter : job.parameters()) {
				String shown = documented.get(parameter.name());
				if (shown.matches("`[^`]*`")) {
					assertThat(shown.substring(1, shown.length() - 1))
						.as("default of %s's %s in jobs.md", job.jobName(), parameter.name())
						.isEqualTo(parameter.defaultValue());
				}
			}
		}
	}

	private long executionId(CommandResult result) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		return result.executionId();
	}

	private CommandResult run(String... args) {
		return CommandResult.of(this.commandLine, args);
	}

}
