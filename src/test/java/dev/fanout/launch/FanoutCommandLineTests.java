package dev.fanout.launch;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.system.FanoutProperties;
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
	JsonMapper json;

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

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			numbers=12,abc                   | 'abc' is not a whole number
			numbers=12,0                     | 0 is not positive
			numbers=-5                       | -5 is not positive
			numbers=99999999999999999999     | too large; the largest supported number is 9223372036854775807
			numbers=                         | numbers= is empty
			file=missing.txt                 | file=missing.txt: no readable file
			file=../../etc/passwd            | points outside the data directory
			file=factorize/bad.txt           | bad.txt line 3: 'twelve' is not a whole number
			file=factorize/empty.txt         | empty.txt holds no numbers
			threads=0                        | threads=0 is not a whole number from 1 to 256
			algorithm=quick                  | algorithm=quick is not one of naive, fast
			color=blue                       | unknown parameter color for job 'factorize'
			numbers=10000000019,algorithm=naive | too large for algorithm=naive
			""")
	void rejectsBadInputWithOneClearMessageAndLeavesNoTrace(String parameter, String message) throws IOException {
		Path data = this.fanout.dataDir();
		Files.writeString(data.resolve("factorize/bad.txt"), "# numbers\n12\ntwelve\n");
		Files.writeString(data.resolve("factorize/empty.txt"), "# nothing here\n\n");
		long instancesBefore = this.jobRepository.getJobInstances("factorize", 0, 10_000).size();
		List<Path> outputsBefore = outputs();

		String[] parameters = parameter.contains(",algorithm=") ? parameter.split(",") : new String[] { parameter };
		CommandResult result = run(Stream.concat(Stream.of("run", "factorize"), Stream.of(parameters)).toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains(message).doesNotContain("\tat ").doesNotContain("Exception");
		assertThat(result.err().lines()).hasSize(1);
		assertThat(this.jobRepository.getJobInstances("factorize", 0, 10_000)).as("nothing launched").hasSize((int) instancesBefore);
		assertThat(outputs()).isEqualTo(outputsBefore);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			cipher=rot13                  | cipher=rot13 is not supported by openssl
			digest=crc                    | digest=crc is not supported by openssl
			count=5                       | give count= and size= together
			count=5,size=huge             | size=huge is not a size
			source=nowhere                | source=%s/nowhere is not a directory
			timeout=forever               | timeout=forever is not a duration
			""")
	void rejectsBadOpensslRunsBeforeLaunch(String parameter, String message) {
		String expected = message.contains("%s") ? message.formatted(this.fanout.dataDir()) : message;
		CommandResult result = run(Stream.concat(Stream.of("run", "openssl"), Stream.of(parameter.split(",")))
			.toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains(expected).doesNotContain("\tat ");
		assertThat(result.err().lines()).hasSize(1);
	}

	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
			pattern=life/missing.rle                | pattern=%s/life/missing.rle: no such file
			pattern=life/bad-tag.rle                | bad-tag.rle
			pattern=life/highlife.rle               | rule = B36/S23 is not supported
			pattern=life/overflow.rle               | overflow.rle
			pattern=../../etc/passwd                | points outside the data directory
			width=3                                 | but the grid is only 3×5
			width=0                                 | width=0 is not a whole number from 1 to 1048576
			generations=-1                          | generations=-1 is not a whole number from 0
			width=1000000,height=1000000            | more than the
			placement=left                          | placement=left: the only placement is center
			executor=fibers                         | executor=fibers is not platform or virtual
			cellLatency=soon                        | cellLatency=soon is not a duration
			""")
	void rejectsBadLifeRunsBeforeLaunch(String parameter, String message) throws IOException {
		Path life = Files.createDirectories(this.fanout.dataDir().resolve("life"));
		Files.writeString(life.resolve("bad-tag.rle"), "x = 3, y = 1\n2oq!\n");
		Files.writeString(life.resolve("highlife.rle"), "x = 1, y = 1, rule = B36/S23\no!\n");
		Files.writeString(life.resolve("overflow.rle"), "x = 2, y = 1\n5o!\n");
		String expected = message.contains("%s") ? message.formatted(this.fanout.dataDir()) : message;
		List<Path> outputsBefore = outputs();

		CommandResult result = run(Stream.concat(Stream.of("run", "life"), Stream.of(parameter.split(",")))
			.toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.USAGE);
		assertThat(result.err()).contains(expected).doesNotContain("\tat ");
		assertThat(result.err().lines()).hasSize(1);
		assertThat(outputs()).isEqualTo(outputsBefore);
	}

	@Test
	void rejectsUnknownJobsAndMalformedParameters() {
		CommandResult unknownJob = run("run", "factorise");
		assertThat(unknownJob.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(unknownJob.err()).contains("unknown job 'factorise'").contains("factorize");

		CommandResult noEquals = run("run", "factorize", "threads");
		assertThat(noEquals.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(noEquals.err()).contains("write name=value");

		CommandResult unknownCommand = run("launch", "factorize");
		assertThat(unknownCommand.exitCode()).isEqualTo(ExitCodes.USAGE);
		assertThat(unknownCommand.err()).contains("Unmatched argument").contains("launch");
	}

	@Test
	void jobsListsEveryJobWithItsParameters() {
		CommandResult result = run("jobs");

		assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(result.out()).contains("factorize - ")
			.containsPattern("numbers\\s+default -")
			.containsPattern("file\\s+default factorize/numbers.txt")
			.containsPattern("threads\\s+default " + Runtime.getRuntime().availableProcessors())
			.containsPattern("algorithm\\s+default fast");
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

		JsonNode detail = this.json.readTree(run("show", Long.toString(id), "--json").out());
		assertThat(detail.get("execution").get("status").asString()).isEqualTo("COMPLETED");
		assertThat(detail.get("steps")).hasSize(4);
		assertThat(Path.of(detail.get("outputs").get(0).asString())).exists();
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
	void benchComparesTheJobWithAPlainLoopAndChecksTheyAgree() {
		CommandResult bench = run("bench", "factorize", "--count", "6", "--min", "1000", "--max", "5000", "--threads",
				"1,2", "--repeat", "1");

		assertThat(bench.exitCode()).as(bench.toString()).isEqualTo(ExitCodes.OK);
		assertThat(bench.out()).containsPattern("\\n\\s+1\\s+[0-9.]+ s\\s+[0-9.]+ s\\s+1\\.00x\\s+1\\.00x")
			.containsPattern("\\n\\s+2\\s+[0-9.]+ s\\s+[0-9.]+ s");
		assertThat(run("bench", "factorize", "--count", "0").exitCode()).isEqualTo(ExitCodes.USAGE);
	}

	@Test
	void helpListsTheCommandsAndExitCodes() {
		CommandResult help = run("--help");

		assertThat(help.exitCode()).isEqualTo(ExitCodes.OK);
		assertThat(help.out()).contains("run", "restart", "stop", "abandon", "recover", "jobs", "history", "show", "bench")
			.contains("Exit codes:");
	}

	@Test
	void ignoresSpringPropertiesAmongTheArguments() {
		CommandResult result = run("--fanout.some-setting=1", "jobs");

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
	}

	private long executionId(CommandResult result) {
		assertThat(result.exitCode()).as(result.toString()).isEqualTo(ExitCodes.OK);
		return result.executionId();
	}

	private List<Path> outputs() throws IOException {
		Path out = this.fanout.dataDir().resolve("out");
		if (!Files.exists(out)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(out)) {
			return files.sorted().toList();
		}
	}

	private CommandResult run(String... args) {
		return CommandResult.of(this.commandLine, args);
	}

}
