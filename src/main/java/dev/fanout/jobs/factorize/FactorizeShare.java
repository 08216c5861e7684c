package dev.fanout.jobs.factorize;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

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
 * One worker partition's work: factorizes its share's numbers, in input order, one transaction at a time. A
 * transaction takes at least one number and at most {@code maxNumbers}, and ends early once {@code commitInterval} has
 * passed, so that cheap numbers (microseconds each with {@code fast}) share a commit instead of paying one each, and
 * costly ones (seconds each with {@code naive}) commit after every number; it also ends once its results reach
 * {@value #TRANSACTION_CHARS} characters (a number can have 103 680 divisors, a line of 1.1 MB: a thousand such made
 * a transaction of a gigabyte; its rows are cut to size, {@link FactorizeData}). A stop is seen within about a second
 * even inside a number that takes minutes ({@link dev.fanout.batch.StopRequests}). Each transaction inserts its results
 * and saves the last position done in the step's context, together: a restart, kill -9 included, goes on after it,
 * neither losing nor repeating a number. The read and write counts count numbers.
 * <p>
 * Step-scoped: one instance per partition, run by one thread; it keeps no state of its own between calls.
 */
class FactorizeShare implements Tasklet {

	/** The last input position done, in the partition's context. */
	static final String DONE_UP_TO = "factorize.doneUpTo";

	/** The sequence number of the page of numbers that holds the next number to do, in the partition's context. */
	static final String PAGE = "factorize.page";

	/** A transaction takes no further number once its result lines hold this many characters. */
	static final int TRANSACTION_CHARS = 1 << 20;

	private final PartitionData data;

	private final Dataset numbers;

	private final Dataset results;

	private final int share;

	private final Factorizer factorizer;

	private final Algorithm algorithm;

	private final int maxNumbers;

	/** Pages fetched per call: enough for {@code maxNumbers} plus the partly done page it starts in. */
	private final int pagesPerCall;

	private final long commitIntervalNanos;

	/** Whether to stop in the middle of a number; asked by the factorizer between its blocks of divisions. */
	private final BooleanSupplier stop;

	FactorizeShare(PartitionData data, long instance, int share, Factorizer factorizer, Algorithm algorithm,
			int maxNumbers, Duration commitInterval, BooleanSupplier stop) {
		this.data = data;
		this.numbers = FactorizeData.numbers(instance);
		this.results = FactorizeData.results(instance);
		this.share = share;
		this.factorizer = factorizer;
		this.algorithm = algorithm;
		this.maxNumbers = maxNumbers;
		this.pagesPerCall = Math.max(1, maxNumbers) / FactorizeData.PAGE + 2;
		// Past Long.MAX_VALUE nanoseconds (292 years) an interval never ends anyway; toNanos() would overflow.
		this.commitIntervalNanos = (commitInterval.compareTo(Duration.ofNanos(Long.MAX_VALUE)) < 0)
				? commitInterval.toNanos() : Long.MAX_VALUE;
		this.stop = stop;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) {
		ExecutionContext context = chunkContext.getStepContext().getStepExecution().getExecutionContext();
		long doneUpTo = context.getLong(DONE_UP_TO, -1);
		// Read outside this call's transaction, which then takes a connection only for its inserts and its commit.
		List<Row> pages = this.data.committedRows(this.numbers, this.share, context.getLong(PAGE, -1),
				this.pagesPerCall);
		long deadline = System.nanoTime() + this.commitIntervalNanos;
		List<String> done = new ArrayList<>();
		int firstPosition = -1;
		int lastPosition = -1;
		long chars = 0;
		long page = -1;
		boolean more = false;
		work: for (Row row : pages) {
			for (NumberAt number : FactorizeData.numbersOf(row.content())) {
				if (number.position() <= doneUpTo) {
					continue; // done by an earlier transaction that ended inside this page
				}
				// At least one number whatever the limits: a transaction that ends before its first would commit
				// nothing and be called again, for ever.
				if (!done.isEmpty() && (done.size() >= this.maxNumbers || chars >= TRANSACTION_CHARS
						|| System.nanoTime() - deadline > 0)) {
					more = true;
					break work;
				}
				try {
					String line = FactorizeData.resultLine(new Factorization(number.position(), number.number(),
							this.factorizer.divisors(number.number(), this.algorithm, this.stop)));
					done.add(line);
					chars += line.length() + 1;
				}
				catch (Factorizer.Stopped ex) {
					// Asked to stop in the middle of a long number: commit what is done; the step then stops, and a
					// restart factorizes this number again.
					chunkContext.getStepContext().getStepExecution().setTerminateOnly();
					more = true;
					break work;
				}
				contribution.incrementReadCount();
				firstPosition = (firstPosition < 0) ? number.position() : firstPosition;
				lastPosition = number.position();
				page = row.seq();
			}
		}
		if (done.isEmpty()) {
			return more ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
		}
		this.data.insert(this.results, FactorizeData.resultsRows(this.share, firstPosition, done));
		contribution.incrementWriteCount(done.size());
		context.putLong(DONE_UP_TO, lastPosition);
		context.putLong(PAGE, page);
		// All pages fetched were done; a full fetch may have left pages unfetched.
		boolean fetchedAll = pages.size() < this.pagesPerCall;
		return (more || !fetchedAll) ? RepeatStatus.CONTINUABLE : RepeatStatus.FINISHED;
	}

}
