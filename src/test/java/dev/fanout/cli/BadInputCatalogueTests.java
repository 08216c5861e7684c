package dev.fanout.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.sql.DataSource;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.TestDataDirectories;
import dev.fanout.batch.JobDescription;
import dev.fanout.core.ExitCodes;
import dev.fanout.crash.KillScenario;
import dev.fanout.crash.KillScenarios;
import dev.fanout.jobs.chapter.ChapterBadInputs;
import dev.fanout.jobs.factorize.FactorizeBadInputs;
import dev.fanout.jobs.images.ImagesBadInputs;
import dev.fanout.jobs.life.LifeBadInputs;
import dev.fanout.jobs.openssl.OpensslBadInputs;
import dev.fanout.jobs.sensors.SensorsBadInputs;
import dev.fanout.launch.Launcher;

import static dev.fanout.cli.BadInput.NO_PASSWORD;
import static dev.fanout.cli.BadInput.outside;
import static dev.fanout.cli.BadInput.refused;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every job's bad inputs, run in one place: parameters, files, formats, paths outside the data directory, missing tools
 * and settings. Each must be refused with one clear line naming the problem, a non-zero exit code and no stack trace,
 * launch nothing (or leave a FAILED execution) and write nothing under {@code out/} or {@code work/}. Each job keeps
 * its {@link BadInput} cases beside its kill scenario, in {@code dev.fanout.jobs.<job>.<Job>BadInputs}; a new job adds
 * that class and lists it in {@link #cases()}. The cases about no single job are here, in {@link #launch()}.
 */
class BadInputCatalogueTests {

	/** One context per distinct settings, each on a data directory of its own, closed after the class. */
	private static final Map<List<String>, InProcessFanout> contexts = new HashMap<>();

	/** Every case: the launch cases, then job by job. A new job adds its class here. */
	static Stream<BadInput> cases() {
		return Stream.of(launch(), FactorizeBadInputs.cases(), LifeBadInputs.cases(), OpensslBadInputs.cases(),
				SensorsBadInputs.cases(), ImagesBadInputs.cases(), ChapterBadInputs.cases())
			.flatMap(List::stream);
	}

	/** The cases about no single job: commands, execution ids, options. */
	static List<BadInput> launch() {
		return List.of(refused("unknown job", "run factorise", "unknown job 'factorise'; jobs: chapter, factorize"),
				refused("parameter without =", "run factorize threads", "'threads' is not a job parameter; write name=value"),
				refused("parameter given twice", "run factorize threads=1 threads=2", "parameter 'threads' is given twice"),
				refused("reserved run.id", "run factorize run.id=7", "run.id is reserved; use --new"),
				refused("reserved launched.by", "run factorize launched.by=someone",
						"launched.by is reserved: every execution records who or what launched it; leave it out"),
				refused("restart of an unknown execution", "restart 987654", "no job execution with id 987654"),
				refused("recover of an unknown execution", "recover 987654", "no job execution with id 987654"),
				refused("show of a word", "show abc", "'abc' is not an execution id: give its number, as 'fanout history' lists them"),
				refused("stop of a word", "stop abc", "'abc' is not an execution id"),
				refused("restart of a word", "restart 12x", "'12x' is not an execution id"),
				refused("abandon of a word", "abandon abc", "'abc' is not an execution id"),
				refused("history limit not a number", "history --limit many",
						"--limit 'many' is not a whole number from 1 to 2147483647; see 'fanout help history'"),
				refused("history limit too large", "history --limit 99999999999",
						"--limit '99999999999' is not a whole number from 1 to 2147483647"),
				refused("history of an unknown job", "history factorise",
						"unknown job 'factorise'; jobs: chapter, factorize"),
				refused("unknown command", "frobnicate", "unknown command 'frobnicate'"),
				refused("unknown option", "run factorize --nwe", "unknown option '--nwe' for 'fanout run'"),
				refused("run without a job", "run", "'fanout run' needs JOB, the job to run"),
				refused("show without an execution id", "show", "'fanout show' needs EXECUTION_ID"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("cases")
	void refusesWithOneClearLineAndLeavesNothingBehind(BadInput input) throws Exception {
		InProcessFanout fanout = context(input.settings());
		Path data = fanout.bean(dev.fanout.core.FanoutProperties.class).dataDir();
		input.setup().prepare(data);
		JdbcTemplate repository = new JdbcTemplate(fanout.bean(DataSource.class));
		long executionsBefore = executions(repository);
		long instancesBefore = count(repository, "BATCH_JOB_INSTANCE");
		Map<String, Long> filesBefore = files(data);

		CommandResult result = fanout.run(input.args().toArray(String[]::new));

		assertThat(result.exitCode()).as(result.toString()).isEqualTo(input.exitCode());
		String message = input.message()
			.replace("{outside}", outside(data).toRealPath().toString())
			.replace("{data}", data.toString());
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(result.err()).as(result.toString())
				.startsWith("fanout: ")
				.contains(message)
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
			assertThat(result.err().lines()).as("one line").hasSize(1);
			assertThat(result.out()).as("nothing on standard output").isEmpty();
		}
		else {
			// A run that started: its report on standard output says why it failed.
			assertThat(result.out()).as(result.toString())
				.contains("FAILED")
				.contains(message)
				.doesNotContain("\tat ")
				.doesNotContain("Exception");
		}
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(executions(repository)).as("nothing launched").isEqualTo(executionsBefore);
			assertThat(count(repository, "BATCH_JOB_INSTANCE")).as("no instance created").isEqualTo(instancesBefore);
		}
		else {
			assertThat(repository.queryForObject("select STATUS from BATCH_JOB_EXECUTION order by JOB_EXECUTION_ID desc limit 1",
					String.class)).isEqualTo("FAILED");
		}
		try (Stream<Path> written = Files.list(outside(data))) {
			assertThat(written.toList()).as("nothing written through a link out of the data directory").isEmpty();
		}
		if (input.exitCode() == ExitCodes.USAGE) {
			assertThat(files(data)).as("nothing written under out/ or work/").isEqualTo(filesBefore);
		}
		else {
			assertThat(under("out", files(data))).as("nothing written under out/").isEqualTo(under("out", filesBefore));
		}
	}

	/** Also guards the kill -9 suite: a job added to the application must be added to both. */
	@Test
	void everyJobHasBadInputCasesAndAKillScenario() {
		Set<String> jobs = context(NO_PASSWORD).bean(Launcher.class)
			.descriptions()
			.stream()
			.map(JobDescription::jobName)
			.collect(Collectors.toSet());

		assertThat(cases().map(BadInput::job).filter((job) -> !job.isEmpty()).collect(Collectors.toSet()))
			.as("jobs with bad-input cases")
			.isEqualTo(jobs);
		// The chapter is made of the other jobs' executions: ChapterProcessTests kills it among its items.
		assertThat(KillScenarios.all().stream().map(KillScenario::job).collect(Collectors.toSet()))
			.as("jobs with a kill scenario (dev.fanout.crash.KillScenarios)")
			.isEqualTo(jobs.stream().filter((job) -> !job.equals("chapter")).collect(Collectors.toSet()));
	}

	@AfterAll
	static void close() {
		contexts.values().forEach(InProcessFanout::close);
		contexts.clear();
	}

	private static InProcessFanout context(List<String> settings) {
		return contexts.computeIfAbsent(settings, (s) -> {
			Path data = TestDataDirectories.fresh("BadInputCatalogueTests-" + contexts.size());
			try {
				// Fresh too: an earlier test JVM's failure may have left files there.
				TestDataDirectories.delete(outside(data));
			}
			catch (IOException ex) {
				throw new UncheckedIOException(ex);
			}
			return new InProcessFanout(data, s);
		});
	}

	private static long executions(JdbcTemplate repository) {
		return count(repository, "BATCH_JOB_EXECUTION");
	}

	private static long count(JdbcTemplate repository, String table) {
		return repository.queryForObject("select count(*) from " + table, Long.class);
	}

	private static Map<String, Long> under(String directory, Map<String, Long> files) {
		Map<String, Long> kept = new TreeMap<>(files);
		kept.keySet().removeIf((file) -> !file.startsWith(directory));
		return kept;
	}

	/** Every file under out/ and work/ with its size. */
	private static Map<String, Long> files(Path data) throws IOException {
		Map<String, Long> files = new TreeMap<>();
		for (String directory : List.of("out", "work")) {
			Path root = data.resolve(directory);
			if (!Files.exists(root)) {
				continue;
			}
			try (Stream<Path> paths = Files.walk(root)) {
				for (Path path : paths.toList()) {
					files.put(data.relativize(path).toString(), Files.isRegularFile(path) ? Files.size(path) : -1);
				}
			}
		}
		return files;
	}

}
