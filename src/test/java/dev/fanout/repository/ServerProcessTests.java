package dev.fanout.repository;

import java.nio.file.Path;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class ServerProcessTests {

	/** Set by the build (pom.xml, surefire) in this JVM's environment, as FANOUT_OPERATOR_PASSWORD is in serve's. */
	private static final String INHERITED = "FANOUT_TEST_INHERITED_PASSWORD";

	@TempDir
	Path data;

	@Test
	void theServerInheritsNoSecretOfTheClientThatStartsIt() {
		assertThat(System.getenv()).as("the build's secret variable").containsKey(INHERITED);

		ProcessBuilder server = new ServerProcess(Duration.ofSeconds(5), "128m")
			.builder(RepositoryFiles.of(this.data));

		assertThat(server.environment()).doesNotContainKey(INHERITED).containsKey("PATH");
	}

}
