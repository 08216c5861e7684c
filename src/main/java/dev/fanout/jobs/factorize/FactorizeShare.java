package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorization;
import dev.fanout.jobs.factorize.numbers.Factorizer;
import dev.fanout.jobs.factorize.numbers.NumberAt;

/**
 * One worker partition's work: it claims the next pages of numbers as it frees up (the manager's pages, costliest
 * first, {@link FactorizePartitioner}; several at first, one at a time at the end, {@link PartitionData#claim}),
 * factorizes them and claims more, until none is left, one transaction at a time. A transaction takes at least one number and at most {@code maxNumbers}, and ends early once
 * {@code commitInterval} has passed, so that cheap numbers (microseconds each with {@code fast}) share a commit instead
 * of paying one each, and costly ones (seconds each with {@code naive}) commit after every number; it also ends once
 * its results reach {@value #TRANSACTION_CHARS} characters (a number can have 103 680 divisors, a line of 1.1 MB: a
 * thousand such made a transaction of a gigabyte; its rows are cut to size, {@link FactorizeData}). A stop is seen
 * within about a second even inside a number that takes minutes ({@link dev.fanout.batch.StopRequests}).
 * <p>
 * Where a worker is is in the pages' rows: a claimed page is this partition's ({@link PartitionData#claim}, committed
 * at once), and each transaction inserts its results together with deleting the pages it finished and rewriting the
 * one it finished part of to what is left. A restart, kill -9 included, goes on with the pages the partition holds,
 * then claims more, neither losing nor repeating a number. The read and write counts count numbers.
 * <p>
 * Step-scoped: one instance per partition, run by one thread; it keeps no state of its own between calls.
 */
class FactorizeShare implements Tasklet {

	/**
	 * The last input position done, in the partition's context of an instance planned before partitions claimed their
	 * pages (each then had a fixed share, done in input order): its restart skips those numbers.
	 */
	static final String DONE_UP_TO = "factorize.doneUpTo";

	/** A transaction takes no further number once its result lines hold this many characters. */
	static final int TRANSACTION_CHARS = 1 << 20;

	/** Pages held by this partition read at a time: up to 2,048 numbers, more than a transaction takes by default. */
	private static final int HELD_READ = 8;

	private final PartitionData data;

	private final Dataset numbers;

	private final Dataset results;

	private final int share;

	private final Queue queue;

	private final Factorizer factorizer;

	private final Algorithm algorithm;

	private final int maxNumbers;

	private final long commitIntervalNanos;

	/** Whether to stop in the middle of a number; asked by the factorizer between its blocks of divisions. */
	private final BooleanSupplier stop;

	FactorizeShare(PartitionData data, long instance, int share, Queue queue, Factorizer factorizer,
			Algorithm algorithm, int maxNumbers, Duration commitInterval, BooleanSupplier stop) {
		this.data = data;
		this.numbers = FactorizeData.numbers(instance);
		this.results = FactorizeData.results(instance);
		this.share = share;
		this.queue = queue;
		this.factorizer = factorizer;
		this.algorithm = algorithm;
		this.maxNumbers = maxNumbers;
		// Past Long.MAX_VALUE nanoseconds (292 years) an interval never ends anyway; toNanos() would overflow.
		this.commitIntervalNanos = (commitInterval.compareTo(Duration.ofNanos(Long.MAX_VALUE)) < 0)
				? commitInterval.toNanos() : Long.MAX_VALUE;
		this.stop = stop;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
		Transaction transaction = new Transaction(context.getLong(DONE_UP_TO, -1), System.nanoTime());
		// Read outside this call's transaction, which then takes a connection only for its writes and its commit.
		Deque<Row> held = new ArrayDeque<>(
				this.data.committedRows(this.numbers, this.share, Long.MIN_VALUE, HELD_READ));
		boolean heldAll = held.size() < HELD_READ;
		boolean more;
		while (true) {
			Row page = held.poll();
			if (page == null) {
				if (!heldAll) {
					more = true;
					break;
				}
				if (this.data.claim(this.numbers, this.share, this.queue.partitions(), this.queue.work()) == 0) {
					more = false;
					break;
				}
				if (transaction.full()) {
					// Held for the next call, which reads them: claimed now, the last call is not one that finds none.
					more = true;
					break;
				}
				// The pages this transaction finished are still this partition's rows until its commit deletes them.
				int limit = HELD_READ + transaction.pagesDone.size();
				List<Row> claimed = this.data.committedRows(this.numbers, this.share, Long.MIN_VALUE, limit);
				heldAll = claimed.size() < limit;
				claimed.stream().filter((row) -> !transaction.pagesDone.contains(row.seq())).forEach(held::add);
				page = held.poll();
				if (page == null) {
					more = true;
					break;
				}
			}
			try {
				if (!transaction.work(page, contribution)) {
					more = true;
					break;
				}
			}
			catch (Factorizer.Stopped ex) {
				// Asked to stop in the middle of a long number: commit what is done; the step then stops, and a
				// restart factorizes this number again.
				chunkContext.getStepContext().getStepExecution().setTerminateOnly();
				more = true;
				break;
			}
		}
		transaction.save();
		contribution.incrementWriteCount(transaction.count);
		return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

	/**
	 * The queue of pages the partitions claim from: how many partitions claim, and the estimated work of all its pages
	 * ({@link PartitionData#claim}).
	 */
	record Queue(int partitions, long work) {

	}

	/** What one call does: the pages it works on, and the rows it writes when it ends. Confined to its thread. */
	private final class Transaction {

		/** Numbers at or before it were done before (an instance planned in fixed shares). */
		private final long doneUpTo;

		private final long deadline;

		private final List<Row> resultRows = new ArrayList<>();

		private final List<Long> pagesDone = new ArrayList<>();

		/** What is left of the page this transaction ended inside, if it did. */
		private @Nullable Row pageLeft;

		private int count;

		private long chars;

		Transaction(long doneUpTo, long now) {
			this.doneUpTo = doneUpTo;
			this.deadline = now + FactorizeShare.this.commitIntervalNanos;
		}

		/**
		 * Whether the transaction takes no further number: at least one whatever the limits, as a transaction that
		 * ends before its first would commit nothing and be called again, for ever.
		 */
		boolean full() {
			return this.count > 0 && (this.count >= FactorizeShare.this.maxNumbers || this.chars >= TRANSACTION_CHARS
					|| System.nanoTime() - this.deadline > 0);
		}

		/**
		 * Factorizes the page's numbers until the page or the transaction is full; false if the transaction filled
		 * inside the page. A number stopped inside ({@link Factorizer.Stopped}) leaves the page there.
		 */
		boolean work(Row page, StepContribution contribution) {
			List<NumberAt> pageNumbers = FactorizeData.numbersOf(page.content());
			List<String> lines = new ArrayList<>();
			int first = -1;
			int next = 0;
			try {
				for (; next < pageNumbers.size(); next++) {
					NumberAt number = pageNumbers.get(next);
					if (number.position() <= this.doneUpTo) {
						continue;
					}
					if (full()) {
						break;
					}
					String line = FactorizeData.resultLine(new Factorization(number.position(), number.number(),
							FactorizeShare.this.factorizer.divisors(number.number(), FactorizeShare.this.algorithm,
									FactorizeShare.this.stop)));
					lines.add(line);
					this.chars += line.length() + 1;
					this.count++;
					contribution.incrementReadCount();
					first = (first < 0) ? number.position() : first;
				}
			}
			finally {
				if (!lines.isEmpty()) {
					this.resultRows.addAll(FactorizeData.resultsRows(FactorizeShare.this.share, first, lines));
				}
				if (next == pageNumbers.size()) {
					this.pagesDone.add(page.seq());
				}
				else if (next > 0) {
					this.pageLeft = new Row(page.shard(), page.seq(),
							FactorizeData.numbersRow(pageNumbers.subList(next, pageNumbers.size())));
				}
			}
			return next == pageNumbers.size();
		}

		/** Inserts the results and records the pages done and left, in the step's transaction. */
		void save() {
			PartitionData data = FactorizeShare.this.data;
			if (!this.resultRows.isEmpty()) {
				data.insert(FactorizeShare.this.results, this.resultRows);
			}
			if (!this.pagesDone.isEmpty()) {
				data.delete(FactorizeShare.this.numbers, this.pagesDone);
			}
			if (this.pageLeft != null) {
				data.update(FactorizeShare.this.numbers, this.pageLeft);
			}
		}

	}

}
