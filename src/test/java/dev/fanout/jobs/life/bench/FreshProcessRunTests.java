package dev.fanout.jobs.life.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import dev.fanout.ProcessTree;

import static org.assertj.core.api.Assertions.assertThat;

class FreshProcessRunTests {

	@Test
	@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
	void anInterruptedWaitEndsTheFreshProcessAndWhatItStarted(@TempDir Path directory) throws Exception {
		try (ProcessTree tree = ProcessTree.in(directory)) {
			Throwable ended = tree.interruptWhileItRuns(
					() -> FreshProcessRun.completedExecution(tree.command(), "life", Duration.ofMinutes(5)));

			assertThat(ended).isInstanceOf(InterruptedException.class);
			assertThat(tree.anyAlive()).as("the process or its child (pid %d) is left", tree.sleeper()).isFalse();
		}
	}

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
