package dev.fanout.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.FanoutProperties;

import static org.assertj.core.api.Assertions.assertThat;

/** The default repository: an H2 file under the data directory that keeps history across starts. */
class H2RepositoryTests {

	@Test
	void createsTheSchemaOnFirstStartAndKeepsHistoryAcrossStartsWithoutErrors() throws Exception {
		Path data = TestDataDirectories.fresh("H2RepositoryTests");
		String dataDir = "--fanout.data-dir=" + data;

		long first;
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(dataDir)) {
			CommandResult run = RepositoryTestSupport.command(context, "run", "factorize");
			assertThat(run.exitCode()).as(run.toString()).isZero();
			first = run.executionId();
		}
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(dataDir)) {
			CommandResult history = RepositoryTestSupport.command(context, "history");
			assertThat(history.out()).containsPattern("\\s%d  factorize  COMPLETED".formatted(first));
			CommandResult again = RepositoryTestSupport.command(context, "run", "factorize");
			assertThat(again.exitCode()).as("the completed instance is remembered").isEqualTo(4);
		}

		assertThat(data.resolve("repository/fanout.mv.db")).exists();
		try (Stream<Path> files = Files.list(data.resolve("repository"))) {
			assertThat(files.map((f) -> f.getFileName().toString()))
				.as("H2 writes a trace file only when a statement fails, e.g. CREATE TABLE on existing tables")
				.noneMatch((name) -> name.endsWith(".trace.db"));
		}
	}

	@Test
	void resolvesARelativeDataDirectoryToAnAbsoluteOne() {
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(
				"--fanout.data-dir=target/test-data/H2RepositoryTests-relative/../H2RepositoryTests-relative")) {
			Path dataDir = context.getBean(FanoutProperties.class).dataDir();
			assertThat(dataDir).isAbsolute().isEqualTo(Path.of("target/test-data/H2RepositoryTests-relative").toAbsolutePath());
			assertThat(dataDir.resolve("repository/fanout.mv.db")).exists();
		}
	}

}
