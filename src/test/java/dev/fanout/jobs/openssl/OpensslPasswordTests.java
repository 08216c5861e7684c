package dev.fanout.jobs.openssl;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.fanout.jobs.openssl.chain.Secret;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class OpensslPasswordTests {

	private static final String VARIABLE = "FANOUT_OPENSSL_PASSWORD";

	@Test
	void aLaunchUsesTheConfiguredPassword() {
		OpensslPassword password = password(Map.of(VARIABLE, "configured"));

		assertThat(password.configured()).isTrue();
		assertThat(password.resolve()).isEqualTo(new Secret(VARIABLE, "configured"));
		assertThat(password.forBench()).as("a bench too").isEqualTo(new Secret(VARIABLE, "configured"));
		assertThat(password.resolve()).isEqualTo(new Secret(VARIABLE, "configured"));
	}

	@Test
	void aLaunchWithoutAPasswordIsRefused() {
		OpensslPassword password = password(Map.of(VARIABLE, ""));

		assertThat(password.configured()).isFalse();
		assertThatIllegalArgumentException().isThrownBy(password::resolve)
			.withMessage("the openssl job needs a password: set the environment variable FANOUT_OPENSSL_PASSWORD, or "
					+ "fanout.openssl.password-file=PATH to a file holding it");
	}

	@Test
	void aBenchWithoutAPasswordEncryptsWithARandomOneThatItsLaunchesUse() {
		OpensslPassword password = password(Map.of());

		Secret bench = password.forBench();

		assertThat(bench.variable()).isEqualTo(VARIABLE);
		assertThat(bench.value()).matches("[0-9a-f]{48}");
		assertThat(password.resolve()).as("the bench's launches").isEqualTo(bench);
		assertThat(password.forBench()).as("one for the process").isEqualTo(bench);
		assertThat(password(Map.of()).forBench()).as("another process's").isNotEqualTo(bench);
	}

	@Test
	void aBenchChecksTheVariableNameAsALaunchDoes() {
		OpensslPassword password = new OpensslPassword(
				new OpensslProperties("openssl", "not a name", null, Duration.ofMillis(200)), Map.of());

		assertThatIllegalArgumentException().isThrownBy(password::forBench)
			.withMessage("fanout.openssl.password-env=not a name is not an environment variable name");
	}

	private static OpensslPassword password(Map<String, String> environment) {
		return new OpensslPassword(new OpensslProperties("openssl", VARIABLE, null, Duration.ofMillis(200)),
				environment);
	}

}
