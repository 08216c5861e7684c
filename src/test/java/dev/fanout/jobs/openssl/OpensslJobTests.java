package dev.fanout.jobs.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.openssl.chain.Manifest;

import static org.assertj.core.api.Assertions.assertThat;

/** The openssl job with the real openssl binary: outputs decrypt back, digests match, secrets stay secret. */
@SpringBootTest
@SpringBatchTest
class OpensslJobTests {

	static final String PASSWORD = "correct-horse-" + Long.toHexString(new Random().nextLong());

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		Path data = TestDataDirectories.fresh("OpensslJobTests");
		registry.add("fanout.data-dir", data::toString);
		registry.add("fanout.openssl.password-file", () -> OpensslTesting.passwordFile(data, PASSWORD).toString());
		registry.add("fanout.openssl.commit-interval", () -> "0ms");
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job opensslJob;

	@Autowired
	FanoutProperties fanout;


	@BeforeEach
	void useOpensslJob() {
		this.jobs.setJob(this.opensslJob);
	}

	@Test
	void encryptsEveryFileSoThatItDecryptsBackAndHashesTheCiphertext() throws Exception {
		Path source = this.fanout.dataDir().resolve("openssl/mixed");
		Files.createDirectories(source);
		Files.write(source.resolve("a-empty.bin"), new byte[0]);
		Files.writeString(source.resolve("b-text.txt"), "It's a small world after all\n");
		Files.write(source.resolve("c-1mib.bin"), OpensslTesting.randomBytes(1 << 20, 1));
		Files.write(source.resolve("d-5mib.bin"), OpensslTesting.randomBytes(5 << 20, 2));

		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("source", "openssl/mixed", "parallelism", "2"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		Path out = Path.of(JobOutputs.of(execution).get(0));
		List<String> manifest = Files.readAllLines(out.resolve("manifest.csv"));
		assertThat(manifest).hasSize(5).first().isEqualTo(Manifest.HEADER);
		List<String> names = List.of("a-empty.bin", "b-text.txt", "c-1mib.bin", "d-5mib.bin");
		for (int i = 0; i < names.size(); i++) {
			String name = names.get(i);
			byte[] ciphertext = Files.readAllBytes(out.resolve(name + ".enc"));
			assertThat(OpensslTesting.decrypt(out.resolve(name + ".enc"), PASSWORD)).as(name)
				.isEqualTo(Files.readAllBytes(source.resolve(name)));
			byte[] digest = MessageDigest.getInstance("SHA-256").digest(ciphertext);
			assertThat(Files.readAllBytes(out.resolve(name + ".sha256"))).as(name).isEqualTo(digest);
			assertThat(manifest.get(i + 1)).startsWith(name + "," + Files.size(source.resolve(name)) + ","
					+ ciphertext.length + ",sha256," + HexFormat.of().formatHex(digest) + ",0 0 0,")
				.endsWith(",OK,");
		}
		assertThat(execution.getStepExecutions().iterator().next().getWriteCount()).isEqualTo(4);
	}

	@Test
	void legacyDigestsLikeTheBooksWhirlpoolGetTheLegacyProvider() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("source", "openssl/in", "digest", "whirlpool"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		Path out = Path.of(JobOutputs.of(execution).get(0));
		Path cipher = out.resolve("sample.txt.enc");
		assertThat(Files.readAllBytes(out.resolve("sample.txt.whirlpool")))
			.hasSize(64)
			.isEqualTo(OpensslTesting.run(List.of("openssl", "dgst", "-whirlpool", "-binary", "-provider", "legacy",
					"-provider", "default"), cipher));
	}

	@Test
	void generatesRandomPayloadsLikeTheBook() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("count", "3", "size", "64KiB", "parallelism", "3"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		Path out = Path.of(JobOutputs.of(execution).get(0));
		assertThat(Files.readAllLines(out.resolve("manifest.csv"))).hasSize(4)
			.element(1)
			.asString()
			.startsWith("payload-1,65536,65568,sha256,");
		assertThat(out.resolve("payload-3.sha256")).exists();
		assertThat(this.fanout.workDirectory("openssl", execution.getJobInstance().getInstanceId()))
			.as("generated payloads are removed with the work directory")
			.doesNotExist();
	}

	@Test
	void thePasswordAppearsNowhereInTheRepositoryLogsOrOutputs() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", "openssl/in"));
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getJobParameters().toString()).doesNotContain(PASSWORD);

		byte[] secret = PASSWORD.getBytes();
		try (Stream<Path> files = Files.walk(this.fanout.dataDir())) {
			List<Path> leaking = files.filter(Files::isRegularFile)
				.filter((f) -> !f.getFileName().toString().equals("password.txt"))
				.filter((f) -> OpensslTesting.contains(f, secret))
				.toList();
			assertThat(leaking).isEmpty();
		}
		assertThat(this.fanout.dataDir().resolve("repository/fanout.mv.db")).exists();
	}

}
