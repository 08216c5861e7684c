package dev.fanout.repository;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.context.ConfigurableApplicationContext;

import dev.fanout.CommandResult;
import dev.fanout.TestDataDirectories;
import dev.fanout.core.FanoutProperties;
import dev.fanout.core.KnownDatabase;

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
			// The repository is created by its first use.
			assertThat(RepositoryTestSupport.command(context, "history").exitCode()).isZero();
			assertThat(dataDir.resolve("repository/fanout.mv.db")).exists();
		}
	}

	/**
	 * The pool names its database and its connections' defaults without connecting, for Spring Batch and the lazy
	 * connections: as a real connection has them, with the pool's defaults and with an isolation level configured.
	 */
	@ParameterizedTest
	@ValueSource(strings = { "", "--spring.datasource.hikari.transaction-isolation=TRANSACTION_SERIALIZABLE" })
	void thePoolKnowsItsDatabaseAndItsConnectionsDefaultsAsARealConnectionHasThem(String setting) throws Exception {
		String dataDir = "--fanout.data-dir=" + TestDataDirectories.fresh("H2RepositoryTests-known");
		String[] args = setting.isEmpty() ? new String[] { dataDir } : new String[] { dataDir, setting };
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(args)) {
			HikariDataSource pool = context.getBean(DataSource.class).unwrap(HikariDataSource.class);
			assertThat(pool).isInstanceOf(KnownDatabase.class);
			KnownDatabase known = (KnownDatabase) pool;
			try (Connection connection = pool.getConnection()) {
				assertThat(known.databaseProductName()).isEqualTo(connection.getMetaData().getDatabaseProductName());
				assertThat(known.defaultAutoCommit()).isEqualTo(connection.getAutoCommit());
				assertThat(known.defaultTransactionIsolation()).isEqualTo(connection.getTransactionIsolation());
			}
		}
	}

}
