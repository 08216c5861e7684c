package dev.fanout.jobs.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.BenchmarkLauncher;
import dev.fanout.batch.JobOutputs;
import dev.fanout.core.FanoutProperties;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Chains that fail or hang, through a wrapper that behaves like openssl until told otherwise: every exit code is
 * checked, hung children are killed, and a restart runs only the chains that had not finished.
 */
@SpringBootTest
@SpringBatchTest
class OpensslFailureTests {

	static final Path DATA = TestDataDirectories.fresh("OpensslFailureTests");

	static final Path TOOL = DATA.resolve("tool");

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", DATA::toString);
		registry.add("fanout.openssl.password-file", () -> OpensslTesting.passwordFile(DATA, "pw").toString());
		registry.add("fanout.openssl.binary", () -> OpensslTesting.wrapper(TOOL).toString());
		registry.add("fanout.openssl.commit-interval", () -> "0ms");
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job opensslJob;

	@Autowired
	FanoutProperties fanout;

	@Autowired
	BenchmarkLauncher launcher;

	@BeforeEach
	void reset() throws Exception {
		this.jobs.setJob(this.opensslJob);
		for (String control : List.of("enc-count", "list-count", "fail-at", "hang", "hang-after")) {
			Files.deleteIfExists(TOOL.resolve(control));
		}
		Path source = DATA.resolve("openssl/five");
		Files.createDirectories(source);
		for (String name : List.of("1", "2", "3", "4", "5")) {
			Files.writeString(source.resolve(name + ".txt"), "input " + name + "\n");
		}
	}

	@Test
	void aFailingEncryptionFailsTheStepEvenThoughTheDigestExitedZero() throws Exception {
		Files.writeString(TOOL.resolve("fail-at"), "1");

		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("source", "openssl/five", "parallelism", "1"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitDescription())
			.isEqualTo("chain for 1.txt: openssl enc exited 1: simulated enc failure (exit codes [1, 0, 0])");
		assertThat(output(execution).resolve("1.txt.enc")).doesNotExist();
		assertThat(output(execution).resolve("1.txt.sha256")).doesNotExist();
		assertThat(output(execution).resolve("manifest.csv")).doesNotExist();
	}

	@Test
	void aRestartRunsOnlyTheChainsThatHadNotFinished() throws Exception {
		Files.writeString(TOOL.resolve("fail-at"), "3");
		JobParameters parameters = UniqueJobParameters.of("source", "openssl/five", "parallelism", "1");

		JobExecution failed = this.jobs.startJob(parameters);
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(encryptions()).isEqualTo(3);

		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(encryptions()).as("chains 1 and 2 were not run again").isEqualTo(6);
		List<String> manifest = Files.readAllLines(output(restarted).resolve("manifest.csv"));
		assertThat(manifest).hasSize(6);
		for (int i = 1; i <= 5; i++) {
			assertThat(manifest.get(i)).startsWith(i + ".txt,").endsWith(",OK,");
			assertThat(output(restarted).resolve(i + ".txt.enc")).exists();
		}
	}

	@Test
	void aHungChainIsKilledAtTheTimeoutAndFailsTheStep() throws Exception {
		Files.writeString(TOOL.resolve("hang"), "");

		JobExecution execution = this.jobs.startJob(

						UniqueJobParameters.of("source", "openssl/five", "parallelism", "2", "timeout", "1s", "onTimeout", "fail"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(execution.getExitStatus().getExitDescription()).contains("timed out after 1s and was killed");
		assertThat(chainProcesses()).as("no chain process outlives the step").isEmpty();
	}

	@Test
	void withOnTimeoutSkipHungChainsAreSkippedAndReported() throws Exception {
		Files.writeString(TOOL.resolve("hang"), "");

		JobExecution execution = this.jobs.startJob(

						UniqueJobParameters.of("source", "openssl/five", "parallelism", "5", "timeout", "500ms", "onTimeout", "skip"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		StepExecution step = execution.getStepExecutions().iterator().next();
		assertThat(step.getProcessSkipCount()).isEqualTo(5);
		assertThat(step.getWriteCount()).isZero();
		assertThat(Files.readAllLines(output(execution).resolve("manifest.csv")).subList(1, 6))
			.allSatisfy((row) -> assertThat(row).contains(",TIMED_OUT,timed out after 500ms and was killed"));
		assertThat(chainProcesses()).as("no chain process outlives the step").isEmpty();
	}

	@Test
	void theRunSaysHowManyInputsWereEncryptedAndHowManyTimedOutAndWereSkipped() throws Exception {
		Files.writeString(TOOL.resolve("hang-after"), "1");

		// Long enough for the first chain on a loaded machine (300 ms was not, once); the other four wait it out.
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("source", "openssl/five", "parallelism", "1", "timeout", "1s", "onTimeout", "skip"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(JobOutputs.summary(execution)).isEqualTo("1 encrypted, 4 skipped (timeout 1s)");
		assertThat(Files.readAllLines(output(execution).resolve("manifest.csv")).subList(1, 6))
			.filteredOn((row) -> row.contains(",OK,"))
			.hasSize(1);
	}

	@Test
	void aRunWithoutTimeoutsSaysHowManyInputsWereEncrypted() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", "openssl/five", "onTimeout", "skip"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(JobOutputs.summary(execution)).isEqualTo("5 encrypted");
	}

	@Test
	void aLaunchProbesTheBinaryOnceAndItsStepRunsWithWhatTheProbeFound() throws Exception {
		JobExecution execution = this.launcher.runNewInstance("openssl",
				List.of("source=openssl/five", "parallelism=1"));

		assertThat(JobOutputs.summary(execution)).isEqualTo("5 encrypted");
		assertThat(Files.readString(TOOL.resolve("list-count")).trim())
			.as("one probe (enc -list, dgst -list): the launch's, which the step takes over")
			.isEqualTo("2");
	}

	/** Live children of this JVM that belong to a chain (other tests may have children of their own). */
	private static List<String> chainProcesses() {
		return ProcessHandle.current()
			.descendants()
			.filter(ProcessHandle::isAlive)
			.map((p) -> p.info().commandLine().orElse("pid " + p.pid()))
			.filter((command) -> command.contains("sleep") || command.contains("openssl") || command.contains("tee")
					|| command.startsWith("pid "))
			.toList();
	}

	private int encryptions() throws Exception {
		return Integer.parseInt(Files.readString(TOOL.resolve("enc-count")).trim());
	}

	private Path output(JobExecution execution) {
		return this.fanout.outputDirectory("openssl").resolve("instance-" + execution.getJobInstance().getInstanceId());
	}

}
