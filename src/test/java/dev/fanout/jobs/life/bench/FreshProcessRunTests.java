package dev.fanout.jobs.life.bench;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FreshProcessRunTests {

	@Test
	void theReportShowsTheStartWithoutTheValuesOfSecretSystemProperties() {
		String shown = FreshProcessRun.describe(List.of("/usr/bin/java", "-Xmx1g",
				"-Dspring.datasource.password=DsSecret", "-DFANOUT_OPENSSL_PASSWORD=OsslSecret",
				"-Dspring.datasource.url=jdbc:postgresql://db/fanout", "-cp", "a.jar:b.jar", "dev.fanout.Main"));

		assertThat(shown).isEqualTo("/usr/bin/java -Xmx1g -Dspring.datasource.password=(hidden) "
				+ "-DFANOUT_OPENSSL_PASSWORD=(hidden) -Dspring.datasource.url=jdbc:postgresql://db/fanout "
				+ "-cp (this JVM's classpath) dev.fanout.Main");
	}

}
