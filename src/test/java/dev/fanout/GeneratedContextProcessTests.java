package dev.fanout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real starts from a jar: a run with Fanout's defaults uses the context generated at build time, and a run with a
 * setting that changes the beans (here JMX, which a condition reads) starts normally and still works.
 */
@RunsBesideTheSuite
class GeneratedContextProcessTests {

	@Test
	void aRunWithTheDefaultsStartsFromTheGeneratedContextAndOneThatChangesTheBeansStartsNormally() throws Exception {
		Path data = TestDataDirectories.fresh("GeneratedContextProcessTests");
		FanoutProcess fanout = new FanoutProcess(data);

		CommandResult generated = fanout.run("run", "factorize", "numbers=12");
		assertThat(generated.exitCode()).as(generated.toString()).isZero();
		assertThat(lastStart(data)).contains("Starting AOT-processed FanoutApplication");

		CommandResult normal = fanout.run("run", "factorize", "numbers=18", "--spring.jmx.enabled=true");
		assertThat(normal.exitCode()).as(normal.toString()).isZero();
		assertThat(lastStart(data)).contains("Starting FanoutApplication").doesNotContain("AOT-processed");
	}

	/** Spring Boot's start-up line of the latest start, from the log file. */
	private static String lastStart(Path data) throws Exception {
		List<String> starts = Files.readAllLines(data.resolve("logs/fanout.log"))
			.stream()
			.filter((line) -> line.contains("FanoutApplication") && line.contains(": Starting "))
			.toList();
		assertThat(starts).isNotEmpty();
		return starts.getLast();
	}

}
