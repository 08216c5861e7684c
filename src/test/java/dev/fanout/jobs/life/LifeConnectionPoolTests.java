package dev.fanout.jobs.life;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.jobs.life.format.PatternReader;
import dev.fanout.jobs.life.grid.Band;
import dev.fanout.jobs.life.grid.BandResult;
import dev.fanout.jobs.life.grid.LifeRules;
import dev.fanout.jobs.life.grid.Placement;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More bands at once than the repository's pool has connections: each band's transaction takes a connection only
 * to save its progress, so every band computes at the same time and the run completes.
 */
// The pool's own connection timeout (30 s): the bands' commits all come at once, and on a loaded machine some wait
// seconds for a connection.
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=" + LifeConnectionPoolTests.CONNECTIONS)
@SpringBatchTest
class LifeConnectionPoolTests {

	static final int CONNECTIONS = 3;

	static final int BANDS = 8;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("LifeConnectionPoolTests").toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job lifeJob;

	@Autowired
	MeetingBands computer;

	@Test
	void moreBandsThanPooledConnectionsAllComputeAtOnceAndGiveTheSameGrid() throws Exception {
		this.jobs.setJob(this.lifeJob);
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("pattern", "life/r-pentomino.rle", "width",
				"64", "height", "64", "placement", "center", "generations", "20", "partitions",
				Integer.toString(BANDS), "checkpoint", "10"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.computer.met).as("all %d bands of generation 0 computing at once", BANDS).isTrue();
		Path data = TestDataDirectories.fresh("LifeConnectionPoolTests");
		assertThat(PatternReader
			.read(data.resolve("out/life/instance-" + execution.getJobInstance().getInstanceId() + "/final.rle"))
			.cells()).isEqualTo(LifeRules.advance(
					Placement.place(PatternReader.read(data.resolve("life/r-pentomino.rle")), 64, 64, Placement.CENTER),
					20));
	}

	/**
	 * Holds each band of generation 0, in its step's transaction, until all of them are there: they meet only if
	 * no band's transaction keeps a connection the others need to begin theirs.
	 */
	static class MeetingBands extends BandComputer {

		private final CyclicBarrier meeting = new CyclicBarrier(BANDS);

		volatile boolean met;

		@Override
		BandResult advance(Path checkpoint, Band band, int height, long generation, int steps) throws IOException {
			if (generation == 0) {
				try {
					this.meeting.await(30, TimeUnit.SECONDS);
					this.met = true;
				}
				catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
					throw new IllegalStateException("the bands of generation 0 never computed all at once", ex);
				}
			}
			return super.advance(checkpoint, band, height, generation, steps);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Meeting {

		@Bean
		@Primary
		MeetingBands meetingBands() {
			return new MeetingBands();
		}

	}

}
