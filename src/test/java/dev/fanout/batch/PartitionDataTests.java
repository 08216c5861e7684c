package dev.fanout.batch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.DelegatingDataSource;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.PartitionData.Row;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows partitions take in and give back. */
class PartitionDataTests {

	private static final Dataset DATASET = new Dataset(7, "test.rows");

	/**
	 * Five rows of 700,000 characters: one statement for all would be 3.5 MB, which the repository's server holds
	 * whole. A statement takes no further row once it holds a megabyte: three statements, of two, two and one rows.
	 */
	@Test
	void largeRowsAreInsertedInStatementsOfBoundedSizeAndReadBackWhole() {
		try (HikariDataSource h2 = h2()) {
			CountedInserts counted = CountedInserts.over(h2);
			String large = "x".repeat(700_000);

			counted.data().insert(DATASET, IntStream.range(0, 5).mapToObj((i) -> new Row(0, i, large + i)).toList());

			assertThat(counted.inserts()).hasValue(3);
			assertThat(counted.data().rows(DATASET, 0, Long.MIN_VALUE, 10)).extracting(Row::content)
				.containsExactly(large + 0, large + 1, large + 2, large + 3, large + 4);
		}
	}

	@Test
	void smallRowsShareOneStatement() {
		try (HikariDataSource h2 = h2()) {
			CountedInserts counted = CountedInserts.over(h2);

			counted.data().insert(DATASET,
					IntStream.range(0, 300).mapToObj((i) -> new Row(i % 2, i, "row " + i)).toList());

			assertThat(counted.inserts()).hasValue(1);
			assertThat(counted.data().rows(DATASET, 1, Long.MIN_VALUE, 1000)).hasSize(150);
		}
	}

	/** Partition data over a data source whose connections count the insert statements they prepare. */
	private record CountedInserts(PartitionData data, AtomicInteger inserts) {

		static CountedInserts over(DataSource target) {
			AtomicInteger inserts = new AtomicInteger();
			DataSource counting = new DelegatingDataSource(target) {

				@Override
				public Connection getConnection() throws SQLException {
					Connection connection = super.getConnection();
					return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
							new Class<?>[] { Connection.class }, (proxy, method, args) -> {
								if (method.getName().equals("prepareStatement")
										&& ((String) args[0]).startsWith("insert")) {
									inserts.incrementAndGet();
								}
								try {
									return method.invoke(connection, args);
								}
								catch (InvocationTargetException ex) {
									throw ex.getCause();
								}
							});
				}

			};
			return new CountedInserts(new PartitionData(counting, new JdbcTransactionManager(counting)), inserts);
		}

	}

	/** An H2 database in memory with Fanout's tables. */
	private static HikariDataSource h2() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:h2:mem:partition-data-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		new ResourceDatabasePopulator(new ClassPathResource("dev/fanout/repository/schema-h2.sql")).execute(pool);
		return pool;
	}

}
