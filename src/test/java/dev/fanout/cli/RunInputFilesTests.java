package dev.fanout.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;

import dev.fanout.CommandResult;
import dev.fanout.InProcessFanout;
import dev.fanout.PostgresSchema;
import dev.fanout.RepositoryFixtures;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.ExitCodes;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two data directories on one repository (the real PostgreSQL server of this machine, 127.0.0.1:5432, a schema of
 * this test's own): {@code run} identifies an input file by its absolute path, so the same relative name, or the
 * default, in each directory makes an instance of its own, with its outputs in its own directory.
 */
class RunInputFilesTests {

	private PostgresSchema schema;

	@BeforeEach
	void createSchema() throws Exception {
		this.schema = PostgresSchema.create("fanout_test_");
	}

	@AfterEach
	void dropSchema() throws Exception {
		this.schema.close();
	}

	/** Stored as given, the second directory's runs were refused as completed, pointing at the first's outputs. */
	@Test
	void theSameFileNameInTwoDataDirectoriesSharingARepositoryIsTwoInstances() throws Exception {
		Path first = TestDataDirectories.fresh("RunInputFilesTests-first");
		Path second = TestDataDirectories.fresh("RunInputFilesTests-second");
		Files.writeString(first.resolve("numbers.txt"), "12\n");
		Files.writeString(second.resolve("numbers.txt"), "13\n");

		try (InProcessFanout fanout = new InProcessFanout(first, settings())) {
			assertRan(fanout, first, "12,6,1 2 3 4 6 12", "run", "factorize", "file=numbers.txt", "threads=1");
			assertRan(fanout, first, "2139079,4,", "run", "factorize", "threads=1");
		}
		try (InProcessFanout fanout = new InProcessFanout(second, settings())) {
			long ran = assertRan(fanout, second, "13,2,1 13", "run", "factorize", "file=numbers.txt", "threads=1");
			assertRan(fanout, second, "2139079,4,", "run", "factorize", "threads=1");
			assertThat(fanout.bean(JobRepository.class).getJobExecution(ran).getJobParameters().getString("file"))
				.isEqualTo(second.resolve("numbers.txt").toString());

			CommandResult again = fanout.run("run", "factorize", "file=" + second.resolve("numbers.txt"), "threads=1");
			assertThat(again.exitCode()).as("the same file: the same instance, " + again).isEqualTo(ExitCodes.CONFLICT);
			assertThat(again.err()).contains("already completed");
		}
	}

	/** Stored relative (as they were), the second directory's run was refused as completed by the first's instance. */
	@Test
	void theDefaultSourceDirectoryInTwoDataDirectoriesSharingARepositoryIsTwoInstances() throws Exception {
		Path first = TestDataDirectories.fresh("RunInputFilesTests-openssl-first");
		Path second = TestDataDirectories.fresh("RunInputFilesTests-openssl-second");
		for (Path data : List.of(first, second)) {
			Files.writeString(data.resolve("password.txt"), "run-input-files\n");
			try (InProcessFanout fanout = new InProcessFanout(data, withPasswordFile(data))) {
				CommandResult run = fanout.run("run", "openssl", "parallelism=1");

				assertThat(run.exitCode()).as(run.toString()).isZero();
				assertThat(fanout.bean(JobRepository.class).getJobExecution(run.executionId()).getJobParameters()
					.getString("source")).isEqualTo(data.resolve("openssl/in").toString());
			}
		}
	}

	/**
	 * The command line reads a source directory anywhere, links in it included, as it reads an input file anywhere;
	 * launches over the network are confined to the data directory ({@code JobsApiTests}), and so are the links of a
	 * source directory inside it ({@code ImagesBadInputs}).
	 */
	@Test
	void aSourceDirectoryOutsideTheDataDirectoryIsReadFromTheCommandLineAndStoredAbsolute() throws Exception {
		Path data = TestDataDirectories.fresh("RunInputFilesTests-images-outside");
		Path outside = TestDataDirectories.fresh("RunInputFilesTests-images-outside-source");
		Path photos = Files.createDirectories(outside.resolve("photos"));
		Files.copy(data.resolve("images/in/small.jpg"), photos.resolve("small.jpg"));
		Files.createSymbolicLink(photos.resolve("landscape.jpg"), data.resolve("images/in/landscape.jpg"));
		Files.createSymbolicLink(photos.resolve("portrait.png"), outside.resolve("images/in/portrait-alpha.png"));

		try (InProcessFanout fanout = new InProcessFanout(data, settings())) {
			CommandResult run = fanout.run("run", "images", "source=" + photos);

			assertThat(run.exitCode()).as(run.toString()).isZero();
			JobExecution execution = fanout.bean(JobRepository.class).getJobExecution(run.executionId());
			assertThat(execution.getJobParameters().getString("source")).isEqualTo(photos.toString());
			Path gallery = data.resolve("out/gallery/instance-%d".formatted(execution.getJobInstance().getInstanceId()));
			try (Stream<Path> images = Files.list(gallery)) {
				assertThat(images).as("the gallery's images, named by their content").hasSize(3);
			}
		}
	}

	/** Instances stored before files were stored absolute, and schedules' and the chapter's, keep their relative path. */
	@Test
	void anInstanceStoredWithARelativeFileRestartsFromItsStoredParameters() {
		Path data = TestDataDirectories.fresh("RunInputFilesTests-relative");
		try (InProcessFanout fanout = new InProcessFanout(data, settings())) {
			JobParameters stored = new JobParametersBuilder().addString("file", "factorize/numbers.txt")
				.addString("threads", "1")
				.addString("algorithm", "fast")
				.toJobParameters();
			JobExecution failed = RepositoryFixtures.execution(fanout.bean(JobRepository.class), "factorize", stored,
					BatchStatus.FAILED, LocalDateTime.now().minusMinutes(1));

			CommandResult restarted = fanout.run("restart", Long.toString(failed.getId()));

			assertThat(restarted.exitCode()).as(restarted.toString()).isZero();
			assertThat(fanout.bean(JobRepository.class).getJobExecution(restarted.executionId()).getJobParameters()
				.getString("file")).isEqualTo("factorize/numbers.txt");
			assertThat(restarted.out()).contains("4 numbers factorized");
		}
	}

	private List<String> settings() {
		return List.of("--spring.profiles.active=postgres",
				"--spring.datasource.url=" + this.schema.url());
	}

	private List<String> withPasswordFile(Path data) {
		return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + this.schema.url(),
				"--fanout.openssl.password-file=" + data.resolve("password.txt"));
	}

	/** Runs the command, which must complete with its CSV in this data directory holding the line; its execution. */
	private static long assertRan(InProcessFanout fanout, Path data, String line, String... args) throws Exception {
		CommandResult run = fanout.run(args);
		assertThat(run.exitCode()).as(run.toString()).isZero();
		Path csv = data.resolve("out/factorize/instance-%d.csv".formatted(
				fanout.bean(JobRepository.class).getJobExecution(run.executionId()).getJobInstance().getInstanceId()));
		assertThat(Files.readString(csv)).contains(line);
		return run.executionId();
	}

}
