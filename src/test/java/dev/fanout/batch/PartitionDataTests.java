package dev.fanout.batch;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import java.util.stream.LongStream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.init.ResourceDatabasePopulator;
import org.springframework.jdbc.support.JdbcTransactionManager;

import dev.fanout.PostgresRepository;
import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.PartitionData.Row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/** The rows partitions share: claims of a work queue, on both databases a repository can be. */
class PartitionDataTests {

	private static final Dataset QUEUE = new Dataset(7, "test.queue");

	private static final int CLAIMANTS = 4;

	private static final int ROWS = 400;

	@Test
	void concurrentClaimantsOnH2TakeEveryRowExactlyOnce() throws Exception {
		try (HikariDataSource h2 = h2()) {
			claimEveryRowExactlyOnce(h2);
		}
	}

	@Test
	void concurrentClaimantsOnPostgresqlTakeEveryRowExactlyOnce() throws Exception {
		try (PostgresRepository postgres = new PostgresRepository("partition_data_", CLAIMANTS + 1)) {
			claimEveryRowExactlyOnce(postgres.dataSource);
		}
	}

	/** Forty rows of one unit of work each, numbered by the work before them: 0 to 39. */
	@Test
	void claimsTakeAGuidedShareOfTheWorkLeftLowestNumbersFirstAndTheLastOnesOneRowEach() throws Exception {
		try (HikariDataSource h2 = h2()) {
			PartitionData data = data(h2);
			data.insert(QUEUE, IntStream.range(0, 40).mapToObj((i) -> unclaimed(i, "row " + i)).toList());
			List<Integer> sizes = new ArrayList<>();

			for (int claimed = data.claim(QUEUE, 1, 2, 40); claimed > 0; claimed = data.claim(QUEUE, 1, 2, 40)) {
				sizes.add(claimed);
				int sum = sizes.stream().mapToInt(Integer::intValue).sum();
				assertThat(data.committedRows(QUEUE, 1, Long.MIN_VALUE, 100)).extracting(Row::seq)
					.containsExactlyElementsOf(LongStream.range(0, sum).boxed().toList());
			}

			// Half of the work left divided by the two claimants: 40 / 4, 30 / 4, ... then one row at a time.
			assertThat(sizes).containsExactly(10, 7, 5, 4, 3, 2, 2, 1, 1, 1, 1, 1, 1, 1);
			assertThat(data.committedRows(QUEUE, PartitionData.UNCLAIMED, Long.MIN_VALUE, 10)).isEmpty();
		}
	}

	/** Rows numbered by the work before them: a costly first row is a claim of its own. */
	@Test
	void aClaimTakesRowsByTheirWorkNotTheirCount() throws Exception {
		try (HikariDataSource h2 = h2()) {
			PartitionData data = data(h2);
			// Works 60, 10, 10, 10, 10: numbered 0, 60, 70, 80, 90, of 100 in all.
			data.insert(QUEUE, List.of(unclaimed(0, "sixty"), unclaimed(60, "a"), unclaimed(70, "b"), unclaimed(80, "c"),
					unclaimed(90, "d")));

			assertThat(data.claim(QUEUE, 0, 2, 100)).as("a quarter of 100 is inside the first row").isEqualTo(1);
			assertThat(data.claim(QUEUE, 1, 2, 100)).as("a quarter of the 40 left: one row").isEqualTo(1);
			assertThat(data.committedRows(QUEUE, 0, Long.MIN_VALUE, 10)).extracting(Row::content)
				.containsExactly("sixty");
		}
	}

	@Test
	void aClaimedRowStaysWithItsClaimantUntilItUpdatesOrDeletesIt() throws Exception {
		try (HikariDataSource h2 = h2()) {
			PartitionData data = data(h2);
			data.insert(QUEUE, List.of(unclaimed(0, "zero"), unclaimed(1, "one"), unclaimed(2, "two")));

			assertThat(data.claim(QUEUE, 1, 3, 3)).isEqualTo(1);
			assertThat(data.claim(QUEUE, 0, 3, 3)).isEqualTo(1);
			data.update(QUEUE, new Row(1, 0, "what is left"));

			assertThat(data.committedRows(QUEUE, 1, Long.MIN_VALUE, 10)).containsExactly(new Row(1, 0, "what is left"));
			assertThat(data.committedRows(QUEUE, 0, Long.MIN_VALUE, 10)).containsExactly(new Row(0, 1, "one"));
			assertThat(data.claim(QUEUE, 1, 3, 3)).isEqualTo(1);
			assertThat(data.claim(QUEUE, 1, 3, 3)).as("none left").isZero();
			data.delete(QUEUE, List.of(0L, 2L));
			assertThat(data.committedRows(QUEUE, 1, Long.MIN_VALUE, 10)).isEmpty();
		}
	}

	@Test
	void theUnclaimedShardCannotClaim() throws Exception {
		try (HikariDataSource h2 = h2()) {
			assertThatIllegalArgumentException()
				.isThrownBy(() -> data(h2).claim(QUEUE, PartitionData.UNCLAIMED, 2, 10));
		}
	}

	@Test
	void largeRowsAreInsertedInStatementsOfBoundedSize() throws Exception {
		try (HikariDataSource h2 = h2()) {
			PartitionData data = data(h2);
			String large = "x".repeat(700_000);

			data.insert(QUEUE, IntStream.range(0, 5).mapToObj((i) -> new Row(0, i, large + i)).toList());

			assertThat(data.rows(QUEUE, 0, Long.MIN_VALUE, 10)).extracting(Row::content)
				.containsExactly(large + 0, large + 1, large + 2, large + 3, large + 4);
		}
	}

	/**
	 * {@value #CLAIMANTS} threads claim from one queue at once until it is empty: the rows they were told they took add
	 * up to the queue's, none is left unclaimed, and each claimant holds as many as it was told.
	 */
	private static void claimEveryRowExactlyOnce(DataSource dataSource) throws Exception {
		PartitionData data = data(dataSource);
		data.insert(QUEUE, IntStream.range(0, ROWS).mapToObj((i) -> unclaimed(i, "row " + i)).toList());
		CountDownLatch start = new CountDownLatch(1);
		ExecutorService threads = Executors.newFixedThreadPool(CLAIMANTS);
		Map<Integer, Integer> told = new ConcurrentHashMap<>();
		try {
			List<Future<?>> claimants = new ArrayList<>();
			for (int claimant = 0; claimant < CLAIMANTS; claimant++) {
				int shard = claimant;
				claimants.add(threads.submit(() -> {
					start.await();
					int total = 0;
					for (int n = data.claim(QUEUE, shard, CLAIMANTS, ROWS); n > 0; n = data.claim(QUEUE, shard,
							CLAIMANTS, ROWS)) {
						total += n;
					}
					told.put(shard, total);
					return null;
				}));
			}
			start.countDown();
			for (Future<?> claimant : claimants) {
				claimant.get();
			}
		}
		finally {
			threads.shutdownNow();
		}
		assertThat(told.values().stream().mapToInt(Integer::intValue).sum()).as("rows claimed").isEqualTo(ROWS);
		Map<Integer, Integer> held = new ConcurrentHashMap<>();
		new JdbcTemplate(dataSource).query("select SHARD, count(*) from " + PartitionData.TABLE + " where DATASET = ? "
				+ "group by SHARD", (row) -> {
					held.put(row.getInt(1), row.getInt(2));
				}, QUEUE.name());
		assertThat(held).doesNotContainKey(PartitionData.UNCLAIMED);
		told.values().removeIf((n) -> n == 0);
		assertThat(held).isEqualTo(told);
	}

	private static Row unclaimed(long seq, String content) {
		return new Row(PartitionData.UNCLAIMED, seq, content);
	}

	private static PartitionData data(DataSource dataSource) {
		return new PartitionData(dataSource, new JdbcTransactionManager(dataSource));
	}

	/** An H2 database in memory with Fanout's tables, over a pool as large as the claimants. */
	private static HikariDataSource h2() {
		HikariDataSource pool = new HikariDataSource();
		pool.setJdbcUrl("jdbc:h2:mem:partition-data-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
		pool.setMaximumPoolSize(CLAIMANTS + 1);
		new ResourceDatabasePopulator(new ClassPathResource("dev/fanout/repository/schema-h2.sql")).execute(pool);
		return pool;
	}

}
