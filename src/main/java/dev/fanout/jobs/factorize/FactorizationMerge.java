package dev.fanout.jobs.factorize;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.batch.JobOutputs;
import dev.fanout.core.AtomicFiles;

/**
 * The fan-in: merges the workers' share files, each sorted by input position, into the final CSV in input order. The
 * merge streams (one line per share in memory), checks that every input position appears exactly once, and replaces
 * the output atomically, so it can be re-run after any interruption.
 */
public class FactorizationMerge implements Tasklet {

	public static final String HEADER = "number,divisor_count,divisors";

	private final Path workDirectory;

	private final int shares;

	private final long total;

	private final Path output;

	/** How the numbers were factorized, for the summary: {@code fast, 2 threads}. */
	private final String how;

	FactorizationMerge(Path workDirectory, int shares, long total, Path output, String how) {
		this.workDirectory = workDirectory;
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
		List<BufferedReader> readers = new ArrayList<>();
		try {
			PriorityQueue<Head> heads = new PriorityQueue<>(Comparator.comparingInt(Head::position));
			for (int share = 0; share < this.shares; share++) {
				Path file = ShareFiles.result(this.workDirectory, share);
				if (!Files.exists(file)) {
					throw new IllegalStateException("result file of partition %d is missing: %s".formatted(share, file));
				}
				BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
				readers.add(reader);
				Head.next(reader, heads);
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
					writer.write(head.csvLine());
					writer.newLine();
					Head.next(head.reader(), heads);
				}
				if (!heads.isEmpty()) {
					throw new IllegalStateException("partition results hold more than the %d input numbers".formatted(this.total));
				}
			});
		}
		finally {
			for (BufferedReader reader : readers) {
				reader.close();
			}
		}
		return this.total;
	}

	/** The next unmerged line of one share file. */
	private record Head(int position, String line, BufferedReader reader) {

		static void next(BufferedReader reader, PriorityQueue<Head> heads) throws IOException {
			String line = reader.readLine();
			if (line != null) {
				heads.add(new Head(Integer.parseInt(line.substring(0, line.indexOf(','))), line, reader));
			}
		}

		String csvLine() {
			return this.line.substring(this.line.indexOf(',') + 1);
		}

	}

}
