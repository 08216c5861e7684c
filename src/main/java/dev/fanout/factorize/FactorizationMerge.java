package dev.fanout.factorize;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;

import dev.fanout.system.AtomicFiles;
import dev.fanout.system.JobOutputs;

/**
 * The fan-in: merges the workers' share files, each sorted by input position, into the final CSV in input order. The
 * merge streams (one line per share in memory), checks that every input position appears exactly once, and replaces
 * the output atomically, so it can be re-run after any interruption.
 */
class FactorizationMerge implements Tasklet {

	static final String HEADER = "number,divisor_count,divisors";

	private final Path workDirectory;

	private final int shares;

	private final long total;

	private final Path output;

	FactorizationMerge(Path workDirectory, int shares, long total, Path output) {
		this.workDirectory = workDirectory;
		this.shares = shares;
		this.total = total;
		this.output = output;
	}

	@Override
	public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws IOException {
		long written = merge();
		contribution.incrementWriteCount(written);
		JobOutputs.add(chunkContext.getStepContext().getStepExecution().getJobExecution(), this.output);
		return RepeatStatus.FINISHED;
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
