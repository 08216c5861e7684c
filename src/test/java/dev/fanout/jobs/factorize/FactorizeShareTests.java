package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
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
import static org.assertj.core.api.Assertions.tuple;

/**
 * A worker's transactions: each does at least one number, whatever its limits, so none can spin without progress;
 * where a worker is lives in the pages' rows, which it claims, rewrites and deletes.
 */
class FactorizeShareTests {

	private static final int SHARE = 0;

	/** One partition: the fake claims one page at a time whatever the queue. */
	private static final FactorizeShare.Queue QUEUE = new FactorizeShare.Queue(1, 10);

	/** Limits that used to end every transaction before its first number (or never, for a negative chunk size). */
	@ParameterizedTest
	@CsvSource({ "0, 1000", "-1, 1000", "1000, 0", "0, 0" })
	void everyTransactionDoesAtLeastOneNumberAndAtMostTheChunkSize(int maxNumbers, long commitIntervalMillis) {
		PagesInMemory data = new PagesInMemory();
		data.unclaimed(0, 5);

		List<Long> written = run(share(data, maxNumbers, Duration.ofMillis(commitIntervalMillis)));

		assertThat(written).as("numbers written per transaction").containsExactly(1L, 1L, 1L, 1L, 1L);
		assertThat(data.resultPositions()).containsExactly(0, 1, 2, 3, 4);
		assertThat(data.pages).isEmpty();
	}

	@Test
	void anIntervalTooLongForNanosecondsLeavesTheChunkSizeToEndTransactions() {
		PagesInMemory data = new PagesInMemory();
		data.unclaimed(0, 5);

		List<Long> written = run(share(data, 3, Duration.ofDays(365L * 1000)));

		assertThat(written).containsExactly(3L, 2L);
	}

	@Test
	void aTransactionClaimsPagesUntilItIsFullAndLeavesTheRestOfItsLastPageHeld() {
		PagesInMemory data = new PagesInMemory();
		data.unclaimed(0, 2);
		data.unclaimed(10, 3);
		data.unclaimed(20, 2);
		FactorizeShare share = share(data, 4, Duration.ofHours(1));

		StepContribution first = call(share, new StepExecution("worker", MetaDataInstanceFactory.createJobExecution()));

		assertThat(first.getWriteCount()).isEqualTo(4);
		assertThat(data.resultPositions()).containsExactly(0, 1, 10, 11);
		// The first page is done and gone; the second is held by this partition with what is left of it.
		assertThat(data.pages).extracting(Page::shard, Page::numbers)
			.containsExactly(tuple(SHARE, List.of(12)),
					tuple(PartitionData.UNCLAIMED, List.of(20, 21)));
	}

	@Test
	void aRestartGoesOnWithThePageItsPartitionHoldsBeforeClaimingAnother() {
		PagesInMemory data = new PagesInMemory();
		data.unclaimed(0, 2);
		data.held(10, 3);

		run(share(data, 1000, Duration.ofHours(1)));

		assertThat(data.resultPositions()).containsExactly(10, 11, 12, 0, 1);
		assertThat(data.pages).isEmpty();
	}

	/** A partition of an instance planned in fixed shares, done in input order, saved its last position done. */
	@Test
	void aRestartOfAnInstancePlannedInSharesSkipsTheNumbersItsLastAttemptDid() {
		PagesInMemory data = new PagesInMemory();
		data.held(0, 3);
		data.held(3, 3);
		StepExecution worker = MetaDataInstanceFactory.createStepExecution();
		worker.getExecutionContext().putLong(FactorizeShare.DONE_UP_TO, 3);

		run(share(data, 1000, Duration.ofHours(1)), worker);

		assertThat(data.resultPositions()).containsExactly(4, 5);
		assertThat(data.pages).isEmpty();
	}

	@Test
	void aStopInsideANumberCommitsWhatIsDoneAndLeavesThatNumberHeld() {
		PagesInMemory data = new PagesInMemory();
		// 10 and 11 take less than a block of divisions and never ask; the third asks after its first block.
		data.pages.add(new Page(PartitionData.UNCLAIMED, 0,
				List.of(new NumberAt(0, 10), new NumberAt(1, 11), new NumberAt(2, 100_000_007L))));
		FactorizeShare share = new FactorizeShare(data, 1, SHARE, QUEUE, new Factorizer(), Algorithm.NAIVE, 1000,
				Duration.ofHours(1), () -> true);
		StepExecution worker = MetaDataInstanceFactory.createStepExecution();

		StepContribution contribution = call(share, worker);

		assertThat(worker.isTerminateOnly()).isTrue();
		assertThat(contribution.getWriteCount()).isEqualTo(2);
		assertThat(data.resultPositions()).containsExactly(0, 1);
		assertThat(data.pages).singleElement().satisfies((page) -> {
			assertThat(page.shard()).isEqualTo(SHARE);
			assertThat(page.numbers()).containsExactly(2);
		});
	}

	private static FactorizeShare share(PagesInMemory data, int maxNumbers, Duration commitInterval) {
		return new FactorizeShare(data, 1, SHARE, QUEUE, new Factorizer(), Algorithm.FAST, maxNumbers, commitInterval,
				() -> false);
	}

	private static List<Long> run(FactorizeShare share) {
		return run(share, MetaDataInstanceFactory.createStepExecution());
	}

	/** Calls the share as its step would, until it is finished (ten calls at most); the numbers written by each. */
	private static List<Long> run(FactorizeShare share, StepExecution worker) {
		List<Long> written = new ArrayList<>();
		RepeatStatus status = RepeatStatus.CONTINUABLE;
		for (int call = 0; call < 10 && status == RepeatStatus.CONTINUABLE; call++) {
			StepContribution contribution = new StepContribution(worker);
			status = share.execute(contribution, new ChunkContext(new StepContext(worker)));
			written.add(contribution.getWriteCount());
		}
		assertThat(status).as("finished within ten transactions").isEqualTo(RepeatStatus.FINISHED);
		return written;
	}

	private static StepContribution call(FactorizeShare share, StepExecution worker) {
		StepContribution contribution = new StepContribution(worker);
		share.execute(contribution, new ChunkContext(new StepContext(worker)));
		return contribution;
	}

	/** A page row as the fake keeps it. */
	private record Page(int shard, long seq, List<NumberAt> content) {

		List<Integer> numbers() {
			return this.content.stream().map(NumberAt::position).toList();
		}

	}

	/** The repository's rows of one instance, kept in memory: the pages, in sequence order, and the results. */
	private static final class PagesInMemory extends PartitionData {

		private final List<Page> pages = new ArrayList<>();

		private final List<Row> results = new ArrayList<>();

		PagesInMemory() {
			super(new JdbcDataSource(), new ResourcelessTransactionManager());
		}

		/** A page of {@code count} numbers from position {@code from} on (the number is 10 + its position). */
		void unclaimed(int from, int count) {
			add(PartitionData.UNCLAIMED, from, count);
		}

		/** A page held by the share, as a claim before a failure left it. */
		void held(int from, int count) {
			add(SHARE, from, count);
		}

		private void add(int shard, int from, int count) {
			this.pages.add(new Page(shard, this.pages.size(),
					IntStream.range(from, from + count).mapToObj((p) -> new NumberAt(p, 10 + p)).toList()));
		}

		List<Integer> resultPositions() {
			List<String> lines = new ArrayList<>();
			StringBuilder partial = new StringBuilder();
			for (Row row : this.results) {
				FactorizeData.addLines(row.content(), partial, lines);
			}
			return lines.stream().map(FactorizeData::position).toList();
		}

		@Override
		public List<Row> committedRows(Dataset dataset, int shard, long from, int limit) {
			return this.pages.stream()
				.filter((page) -> page.shard() == shard && page.seq() >= from)
				.sorted(Comparator.comparingLong(Page::seq))
				.limit(limit)
				.map((page) -> new Row(page.shard(), page.seq(), FactorizeData.numbersRow(page.content())))
				.toList();
		}

		@Override
		public int claim(Dataset dataset, int claimant, int claimants, long work) {
			for (int i = 0; i < this.pages.size(); i++) {
				Page page = this.pages.get(i);
				if (page.shard() == UNCLAIMED) {
					this.pages.set(i, new Page(claimant, page.seq(), page.content()));
					return 1;
				}
			}
			return 0;
		}

		@Override
		public void update(Dataset dataset, Row row) {
			this.pages.replaceAll((page) -> (page.seq() == row.seq())
					? new Page(page.shard(), page.seq(), FactorizeData.numbersOf(row.content())) : page);
		}

		@Override
		public void delete(Dataset dataset, List<Long> seqs) {
			this.pages.removeIf((page) -> seqs.contains(page.seq()));
		}

		@Override
		public void insert(Dataset dataset, List<Row> rows) {
			this.results.addAll(rows);
		}

	}

}
