package dev.fanout.web;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.context.support.GenericWebApplicationContext;

import dev.fanout.core.InvalidSetting;
import dev.fanout.core.WebProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OperatorAccountTests {

	private static final WebProperties WEB = new WebProperties(new WebProperties.Operator("operator"), 4, List.of());

	/**
	 * bcrypt reads at most 72 bytes: serve failed to start with its "password cannot be more than 72 bytes", exit code
	 * 1, naming neither the setting nor the fix.
	 */
	@Test
	void aPasswordLongerThanBcryptReadsIsASettingMistakeThatNamesItButNotItsValue() {
		String password = "\u00fc".repeat(37);
		StandardEnvironment environment = environment(password);

		assertThatThrownBy(() -> new OperatorAccount(environment, WEB, new GenericWebApplicationContext()))
			.isInstanceOfSatisfying(InvalidSetting.class, (invalid) -> {
				assertThat(invalid.property()).isEqualTo("fanout.web.operator.password");
				assertThat(invalid.value()).isEqualTo("(hidden)");
				assertThat(invalid.expected()).isEqualTo("a password of at most 72 bytes in UTF-8 (bcrypt's limit; this "
						+ "one has 74): set a shorter one, in FANOUT_OPERATOR_PASSWORD or this setting");
			})
			.hasMessageNotContaining(password);
		assertThat(environment.getProperty("fanout.web.operator.password")).isEqualTo("(hidden)");
	}

	@Test
	void aPasswordOfSeventyTwoBytesIsHashed() {
		OperatorAccount account = new OperatorAccount(environment("p".repeat(72)), WEB, new GenericWebApplicationContext());

		assertThat(account.passwordHash()).startsWith("{bcrypt}$2");
	}

	private static StandardEnvironment environment(String password) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", new HashMap<>(Map.of("fanout.web.operator.password", password))));
		return environment;
	}

}
