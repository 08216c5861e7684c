package dev.fanout.core;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SecretVariablesTests {

	@Test
	void removesPasswordsTokensAndSecretsWhateverTheirCaseAndKeepsTheRest() {
		Map<String, String> environment = new HashMap<>(Map.of("FANOUT_OPERATOR_PASSWORD", "a",
				"SPRING_DATASOURCE_PASSWORD", "b", "spring.rabbitmq.password", "c", "FANOUT_OPENSSL_PASSWORD", "d",
				"GitHubToken", "e", "AWS_SECRET_ACCESS_KEY", "f", "PATH", "/usr/bin", "HOME", "/root", "LANG", "C.UTF-8",
				"FANOUT_DATA_DIR", "/data"));

		SecretVariables.removeFrom(environment);

		assertThat(environment).containsOnlyKeys("PATH", "HOME", "LANG", "FANOUT_DATA_DIR");
	}

}
