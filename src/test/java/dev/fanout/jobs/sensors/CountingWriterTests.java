package dev.fanout.jobs.sensors;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;

import org.junit.jupiter.api.Test;
import org.springframework.batch.infrastructure.item.Chunk;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.jobs.sensors.counting.AtomicCounter;
import dev.fanout.jobs.sensors.counting.LightSensors;
import dev.fanout.jobs.sensors.counting.Reading;
import dev.fanout.jobs.sensors.counting.ReadingCounter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** The writer and reader of one partition, in chunk transactions as the step runs them, without Spring Batch. */
class CountingWriterTests {

	private final TransactionTemplate chunk = new TransactionTemplate(new ResourcelessTransactionManager());

	private final ReadingCounter shared = new AtomicCounter(0);

	private final CountingWriter writer = new CountingWriter(this.shared);

	private final ExecutionContext context = new ExecutionContext();

	@Test
	void sharedCounterReceivesAChunksReadingsOnlyOnceItCommits() {
		this.writer.open(this.context);

		this.chunk.executeWithoutResult((status) -> {
			this.writer.write(readings(3));
			this.writer.update(this.context);
			assertThat(this.shared.count()).as("not before the commit").isZero();
		});

		assertThat(this.shared.count()).isEqualTo(3);
		assertThat(this.context.getLong(CountingWriter.COUNTED)).isEqualTo(3);
	}

	@Test
	void rolledBackChunkLeavesBothCountsAsTheyWere() {
		this.writer.open(this.context);
		this.chunk.executeWithoutResult((status) -> this.writer.write(readings(3)));

		this.chunk.executeWithoutResult((status) -> {
			this.writer.write(readings(5));
			status.setRollbackOnly();
		});
		this.chunk.executeWithoutResult((status) -> this.writer.update(this.context));

		assertThat(this.shared.count()).isEqualTo(3);
		assertThat(this.writer.counted()).isEqualTo(3);
		assertThat(this.context.getLong(CountingWriter.COUNTED)).isEqualTo(3);
	}

	@Test
	void restartedPartitionContinuesFromItsSavedCount() {
		this.context.putLong(CountingWriter.COUNTED, 2_000);
		CountingWriter partitioned = new CountingWriter(null);
		partitioned.open(this.context);

		this.chunk.executeWithoutResult((status) -> {
			partitioned.write(readings(1_000));
			partitioned.update(this.context);
		});

		assertThat(this.context.getLong(CountingWriter.COUNTED)).isEqualTo(3_000);
	}

	@Test
	void refusesToCountOutsideATransaction() {
		assertThatIllegalStateException().isThrownBy(() -> this.writer.write(readings(1)));
		assertThat(this.shared.count()).isZero();
	}

	@Test
	void restartedReaderResumesAfterTheSavedPositionWithoutReadingAgain() throws Exception {
		AtomicInteger blockingReads = new AtomicInteger();
		LightSensors sensors = new LightSensors() {
			@Override
			public Reading read(int sensor, long sequence, Duration latency) throws InterruptedException {
				blockingReads.incrementAndGet();
				return super.read(sensor, sequence, latency);
			}
		};
		SensorReader first = new SensorReader(sensors, 2, 5, Duration.ZERO, () -> false);
		first.open(this.context);
		first.read();
		first.read();
		first.update(this.context);

		SensorReader restarted = new SensorReader(sensors, 2, 5, Duration.ZERO, () -> false);
		restarted.open(this.context);
		List<Long> sequences = new ArrayList<>();
		for (Reading reading = restarted.read(); reading != null; reading = restarted.read()) {
			assertThat(reading.sensor()).isEqualTo(2);
			sequences.add(reading.sequence());
		}

		assertThat(sequences).containsExactly(3L, 4L, 5L);
		assertThat(blockingReads).hasValue(5);
	}

	private static Chunk<Reading> readings(int count) {
		return new Chunk<>(LongStream.rangeClosed(1, count).mapToObj((n) -> new Reading(0, n, 0)).toList());
	}

}
