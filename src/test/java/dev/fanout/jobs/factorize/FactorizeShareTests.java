package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.scope.context.StepContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.batch.test.MetaDataInstanceFactory;

import dev.fanout.batch.PartitionData;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorizer;
import dev.fanout.jobs.factorize.numbers.NumberAt;

import static org.assertj.core.api.Assertions.assertThat;

/** A worker's transactions: each does at least one number, whatever its limits, so none can spin without progress. */
class FactorizeShareTests {

	private static final int SHARE = 0;

	/** Limits that used to end every transaction before its first number (or never, for a negative chunk size). */
	@ParameterizedTest
	@CsvSource({ "0, 1000", "-1, 1000", "1000, 0", "0, 0" })
	void everyTransactionDoesAtLeastOneNumberAndAtMostTheChunkSize(int maxNumbers, long commitIntervalMillis) {
		RowsInMemory data = new RowsInMemory(5);

		List<Long> written = run(new FactorizeShare(data, 1, SHARE, new Factorizer(), Algorithm.FAST, maxNumbers,
				Duration.ofMillis(commitIntervalMillis), () -> false));

		assertThat(written).as("numbers written per transaction").containsExactly(1L, 1L, 1L, 1L, 1L);
		assertThat(data.results).hasSize(5);
	}

	@Test
	void anIntervalTooLongForNanosecondsLeavesTheChunkSizeToEndTransactions() {
		RowsInMemory data = new RowsInMemory(5);

		List<Long> written = run(new FactorizeShare(data, 1, SHARE, new Factorizer(), Algorithm.FAST, 3,
				Duration.ofDays(365L * 1000), () -> false));

		assertThat(written).containsExactly(3L, 2L);
	}

	/** Calls the share as its step would, until it is finished (ten calls at most); the numbers written by each. */
	private static List<Long> run(FactorizeShare share) {
		StepExecution worker = MetaDataInstanceFactory.createStepExecution();
		ChunkContext chunk = new ChunkContext(new StepContext(worker));
		List<Long> written = new ArrayList<>();
		RepeatStatus status = RepeatStatus.CONTINUABLE;
		for (int call = 0; call < 10 && status == RepeatStatus.CONTINUABLE; call++) {
			StepContribution contribution = new StepContribution(worker);
			status = share.execute(contribution, chunk);
			written.add(contribution.getWriteCount());
		}
		assertThat(status).as("finished within ten transactions").isEqualTo(RepeatStatus.FINISHED);
		return written;
	}

	/** The repository's rows, kept in memory: one page of numbers for the share, and the results inserted. */
	private static final class RowsInMemory extends PartitionData {

		private final List<Row> pages;

		private final List<Row> results = new ArrayList<>();

		RowsInMemory(int count) {
			super(new JdbcDataSource(), new ResourcelessTransactionManager());
			List<NumberAt> numbers = IntStream.range(0, count).mapToObj((i) -> new NumberAt(i, 10 + i)).toList();
			this.pages = List.of(new Row(SHARE, 0, FactorizeData.numbersRow(numbers)));
		}

		@Override
		public List<Row> committedRows(Dataset dataset, int shard, long from, int limit) {
			return this.pages.stream().filter((row) -> row.seq() >= from).limit(limit).toList();
		}

		@Override
		public void insert(Dataset dataset, List<Row> rows) {
			this.results.addAll(rows);
		}

	}

}
