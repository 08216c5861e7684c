package dev.fanout.jobs.factorize;

import java.io.IOException;
import java.nio.file.Path;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionData.Dataset;
import dev.fanout.core.AtomicFiles;

/**
 * The fan-in: writes the partitions' result rows, read in input order from the repository, to the final CSV. It
 * streams (one row in memory), checks that every input position appears exactly once, and replaces the output
 * atomically, so it can be re-run after any interruption.
 */
public class FactorizationMerge implements Tasklet {

	public static final String HEADER = "number,divisor_count,divisors";

	private final PartitionData data;

	private final Dataset results;

	private final long total;

	private final Path output;

	/** How the numbers were factorized, for the summary: {@code fast, 2 threads}. */
	private final String how;

	FactorizationMerge(PartitionData data, Dataset results, long total, Path output, String how) {
		this.data = data;
		this.results = results;
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
		AtomicFiles.write(this.output, (writer) -> {
			writer.write(HEADER);
			writer.newLine();
			long[] next = { 0 };
			try {
				this.data.forEachInOrder(this.results, (position, line) -> {
					if (position != next[0] || position >= this.total) {
						throw inconsistent((position >= this.total) ? "there are more results than the %d numbers"
							.formatted(this.total) : "the result of input position %d is missing".formatted(next[0]));
					}
					writer.write(line);
					writer.newLine();
					next[0]++;
				});
			}
			catch (PartitionData.RowHandlingException ex) {
				if (ex.getCause() instanceof IOException io) {
					throw io;
				}
				throw (IllegalStateException) ex.getCause();
			}
			if (next[0] != this.total) {
				throw inconsistent("the result of input position %d is missing".formatted(next[0]));
			}
		});
		return this.total;
	}

	private static IllegalStateException inconsistent(String why) {
		return new IllegalStateException("partition results are inconsistent: " + why);
	}

}
