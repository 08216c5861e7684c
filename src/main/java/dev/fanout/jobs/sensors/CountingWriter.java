package dev.fanout.jobs.sensors;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.item.ItemStream;
import org.springframework.batch.infrastructure.item.ItemWriter;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

import dev.fanout.jobs.sensors.counting.Reading;
import dev.fanout.jobs.sensors.counting.ReadingCounter;

/**
 * Counts a partition's readings, exactly once per committed reading.
 * <p>
 * The partition's own count ({@value #COUNTED}) goes into its execution context with the chunk, in the same save as
 * the reader's position, so the repository always holds a matching pair. The shared counter, if any, receives the
 * chunk's increments only after the chunk has committed (a transaction synchronization): a chunk that rolls back
 * never touched it. One instance per partition; its fields are confined to that partition's thread.
 */
class CountingWriter implements ItemWriter<Reading>, ItemStream {

	/** The partition's committed readings, in its step execution context. */
	static final String COUNTED = "sensors.counted";

	private final @Nullable ReadingCounter shared;

	/** Readings of chunks that committed, including those of earlier executions of this partition. */
	private long counted;

	/** Readings written in the chunk transaction under way; zero between chunks. */
	private long pending;

	/** @param shared the in-JVM counter, or {@code null} when the partition only counts for itself */
	CountingWriter(@Nullable ReadingCounter shared) {
		this.shared = shared;
	}

	@Override
	public void open(ExecutionContext context) {
		this.counted = context.getLong(COUNTED, 0L);
	}

	@Override
	public void write(Chunk<? extends Reading> chunk) {
		if (!TransactionSynchronizationManager.isSynchronizationActive()) {
			throw new IllegalStateException("readings must be written in a chunk transaction with synchronization");
		}
		long written = chunk.size();
		this.pending += written;
		TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
			@Override
			public void afterCompletion(int status) {
				CountingWriter.this.pending -= written;
				if (status == STATUS_COMMITTED) {
					committed(written);
				}
			}
		});
	}

	/** Saved just before the chunk commits, so it includes the chunk being written. */
	@Override
	public void update(ExecutionContext context) {
		context.putLong(COUNTED, this.counted + this.pending);
	}

	private void committed(long readings) {
		this.counted += readings;
		if (this.shared != null) {
			// One increment per reading, as each of the book's workers does: this is where threads contend.
			for (long i = 0; i < readings; i++) {
				this.shared.increment(1);
			}
		}
	}

	long counted() {
		return this.counted;
	}

}
