package dev.fanout.jobs.factorize;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.batch.PartitionData.Row;
import dev.fanout.core.AtomicFiles;

/**
 * The fan-in: merges the partitions' result rows ({@link FactorizeData}), each share's read from the repository a few
 * rows at a time in input order, into the final CSV in input order. It streams (a few rows per share in memory),
 * checks that every input position appears exactly once, and replaces the output atomically, so it can be re-run
 * after any interruption.
 */
public class FactorizationMerge implements Tasklet {

	public static final String HEADER = "number,divisor_count,divisors";

	private final PartitionData data;

	private final Dataset results;

	private final int shares;

	private final long total;

	private final Path output;

	/** How the numbers were factorized, for the summary: {@code fast, 2 threads}. */
	private final String how;

	FactorizationMerge(PartitionData data, Dataset results, int shares, long total, Path output, String how) {
		this.data = data;
		this.results = results;
		this.shares = shares;
		this.total = total;
		this.output = output;
		this.how = how;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long written = merge();
		contribution.incrementWriteCount(written);
		JobExecution job = chunkContext.getStepContext().getStepExecution().getJobExecution();
		JobOutputs.add(job, this.output);
		JobOutputs.summarize(job, summary(written, this.how));
		return RepeatStatus.FINISHED;
	}

	/**
	 * What {@code run}, {@code show} and the chapter say of a completed run:
	 * {@code 1000 numbers factorized (fast, 2 threads)}.
	 */
	static String summary(long numbers, String how) {
		return "%d number%s factorized (%s)".formatted(numbers, (numbers == 1) ? "" : "s", how);
	}

	private long merge() throws IOException {
		PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingInt(Head::position));
		for (int share = 0; share < this.shares; share++) {
			Head.next(new ShareLines(this.data, this.results, share), heads);
		}
		AtomicFiles.write(this.output, (writer) -> {
			writer.write(HEADER);
			writer.newLine();
			for (long expected = 0; expected < this.total; expected++) {
				Head head = heads.poll();
				if (head == null || head.position() != expected) {
					throw new IllegalStateException("partition results are inconsistent: input position %d is %s"
						.formatted(expected, (head == null) ? "missing" : "followed by " + head.position()));
				}
				writer.write(FactorizeData.csvLine(head.line()));
				writer.newLine();
				Head.next(head.lines(), heads);
			}
			if (!heads.isEmpty()) {
				throw new IllegalStateException(
						"partition results hold more than the %d input numbers".formatted(this.total));
			}
		});
		return this.total;
	}

	/** The next unmerged line of one share's results. */
	private record Head(int position, String line, ShareLines lines) {

		static void next(ShareLines lines, PriorityQueue<Head> heads) {
			String line = lines.next();
			if (line != null) {
				heads.add(new Head(FactorizeData.position(line), line, lines));
			}
		}

	}

	/**
	 * One share's result lines in input order, read a few rows at a time: up to {@value #ROWS} while rows are small,
	 * as many as fit in {@value #FETCH_CHARS} characters by the largest row of the last read (one at a time when
	 * rows are full), so that each share keeps about that much in memory.
	 */
	private static final class ShareLines {

		private static final int ROWS = 16;

		private static final int FETCH_CHARS = FactorizeData.ROW_CHARS;

		private final PartitionData data;

		private final Dataset results;

		private final int share;

		private final ArrayDeque<String> lines = new ArrayDeque<>();

		/** The start of a line that the rows read so far cut inside. */
		private final StringBuilder partial = new StringBuilder();

		private long from = Long.MIN_VALUE;

		private int largestRow = FETCH_CHARS;

		private boolean exhausted;

		ShareLines(PartitionData data, Dataset results, int share) {
			this.data = data;
			this.results = results;
			this.share = share;
		}

		@Nullable String next() {
			while (this.lines.isEmpty() && !this.exhausted) {
				int fetch = Math.clamp(FETCH_CHARS / this.largestRow, 1, ROWS);
				List<Row> rows = this.data.rows(this.results, this.share, this.from, fetch);
				this.largestRow = 1;
				for (Row row : rows) {
					FactorizeData.addLines(row.content(), this.partial, this.lines);
					this.largestRow = Math.max(this.largestRow, row.content().length());
				}
				this.exhausted = rows.size() < fetch;
				if (!rows.isEmpty()) {
					this.from = rows.get(rows.size() - 1).seq() + 1;
				}
			}
			if (this.exhausted && this.lines.isEmpty() && !this.partial.isEmpty()) {
				throw new IllegalStateException(
						"partition results are inconsistent: the results of share %d end inside a line".formatted(this.share));
			}
			return this.lines.poll();
		}

	}

}
