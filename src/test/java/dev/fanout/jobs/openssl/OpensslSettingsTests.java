package dev.fanout.jobs.openssl;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import dev.fanout.jobs.openssl.chain.Manifest;
import dev.fanout.jobs.openssl.chain.OpensslTool;
import dev.fanout.jobs.openssl.chain.Secret;
import dev.fanout.jobs.openssl.chain.SecretSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** Parameters, sizes, the password and the openssl probe, without Spring. */
class OpensslSettingsTests {

	@TempDir
	Path dataDir;

	@ParameterizedTest
	@CsvSource({ "1048576, 1048576", "64KiB, 65536", "1MiB, 1048576", "1 mb, 1048576", "2GiB, 2147483648", "0, 0" })
	void readsSizesWithBinaryUnits(String text, long bytes) {
		assertThat(ByteSize.parse("size", text)).isEqualTo(bytes);
	}

	@ParameterizedTest
	@CsvSource({ "1XB", "-5", "lots", "99999999999999999999GiB" })
	void rejectsSizesItCannotRead(String text) {
		assertThatIllegalArgumentException().isThrownBy(() -> ByteSize.parse("size", text))
			.withMessage("size=%s is not a size; write bytes or KiB/MiB/GiB, like 1048576 or 1MiB", text);
	}

	@Test
	void defaultsToTheSampleDirectoryAndTheBooksChain() {
		OpensslParameters parameters = description().parse(new JobParametersBuilder().toJobParameters());

		assertThat(parameters.source()).isEqualTo(this.dataDir.resolve("openssl/in"));
		assertThat(parameters.cipher()).isEqualTo("aes-256-cbc");
		assertThat(parameters.digest()).isEqualTo("sha256");
		assertThat(parameters.timeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(parameters.skipTimeouts()).isFalse();
		assertThat(parameters.parallelism()).isEqualTo(Runtime.getRuntime().availableProcessors());
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			count=3                     | give count= and size= together
			count=3,size=1k,source=x    | give either source=DIR or count= and size=, not both
			count=0,size=1k             | count=0 is not a whole number from 1 to 1000000
			parallelism=0               | parallelism=0 is not a whole number from 1 to 256
			timeout=soon                | timeout=soon is not a duration
			timeout=0                   | timeout=0: give a positive time
			onTimeout=maybe             | onTimeout=maybe is not fail or skip
			""")
	void rejectsBadParametersWithAMessageThatNamesThem(String given, String message) {
		JobParametersBuilder builder = new JobParametersBuilder();
		for (String pair : given.split(",")) {
			builder.addString(pair.substring(0, pair.indexOf('=')), pair.substring(pair.indexOf('=') + 1));
		}
		assertThatIllegalArgumentException()
			.isThrownBy(() -> description().parse(builder.toJobParameters()))
			.withMessageContaining(message);
	}

	@Test
	void readsThePasswordFromTheVariableOrAFileAndNeverPrintsIt() throws Exception {
		OpensslProperties fromVariable = new OpensslProperties("openssl", "MY_PASSWORD", null, Duration.ZERO);
		Secret secret = SecretSource.resolve(fromVariable.passwordEnv(), fromVariable.passwordFile(), Map.of("MY_PASSWORD", "hunter2"));
		assertThat(secret.value()).isEqualTo("hunter2");
		assertThat(secret.toString()).doesNotContain("hunter2");

		Path file = Files.writeString(this.dataDir.resolve("pw"), "from-file\nignored\n");
		OpensslProperties fromFile = new OpensslProperties("openssl", "MY_PASSWORD", file.toString(), Duration.ZERO);
		assertThat(SecretSource.resolve(fromFile.passwordEnv(), fromFile.passwordFile(), Map.of()).value()).isEqualTo("from-file");
	}

	@Test
	void saysHowToProvideAMissingPassword() {
		OpensslProperties properties = new OpensslProperties("openssl", "FANOUT_OPENSSL_PASSWORD", null, Duration.ZERO);

		assertThatIllegalArgumentException().isThrownBy(() -> SecretSource.resolve(properties.passwordEnv(), properties.passwordFile(), Map.of()))
			.withMessageContaining("set the environment variable FANOUT_OPENSSL_PASSWORD")
			.withMessageContaining("fanout.openssl.password-file");
	}

	@Test
	void probeNamesAMissingBinaryAndHowToInstallIt() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> OpensslTool.probe("/nonexistent/openssl", "aes-256-cbc", "sha256"))
			.withMessageContaining("cannot run '/nonexistent/openssl'")
			.withMessageContaining("apt-get install openssl");
	}

	@Test
	void probeRejectsUnknownAlgorithmsAndFindsLegacyOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> OpensslTool.probe("openssl", "aes-999", "sha256"))
			.withMessageContaining("cipher=aes-999 is not supported");
		assertThatIllegalArgumentException().isThrownBy(() -> OpensslTool.probe("openssl", "aes-256-cbc", "sha999"))
			.withMessageContaining("digest=sha999 is not supported");

		OpensslTool whirlpool = OpensslTool.probe("openssl", "aes-256-cbc", "whirlpool");
		assertThat(whirlpool.digestLegacy()).isTrue();
		assertThat(whirlpool.digestCommand()).containsSubsequence("-provider", "legacy", "-provider", "default");
		assertThat(OpensslTool.probe("openssl", "aes-256-cbc", "sha256").digestLegacy()).isFalse();
	}

	@Test
	void thePasswordTravelsInTheEnvironmentNeverInTheCommand() {
		OpensslTool tool = OpensslTool.probe("openssl", "aes-256-cbc", "sha256");

		assertThat(tool.encryptCommand("SECRET_VAR")).containsExactly("openssl", "enc", "-aes-256-cbc", "-pbkdf2",
				"-pass", "env:SECRET_VAR");
	}

	@Test
	void quotesManifestFieldsThatNeedIt() {
		assertThat(Manifest.csv("plain.txt")).isEqualTo("plain.txt");
		assertThat(Manifest.csv("a,b \"c\"")).isEqualTo("\"a,b \"\"c\"\"\"");
	}

	/** The defaults are the description's: declared once, where {@code jobs} lists them. */
	private OpensslJobDescription description() {
		OpensslProperties properties = new OpensslProperties("openssl", "MY_PASSWORD", null, Duration.ZERO);
		return new OpensslJobDescription(Runtime.getRuntime().availableProcessors(), properties,
				new OpensslPassword(properties, System.getenv()), this.dataDir);
	}

}
