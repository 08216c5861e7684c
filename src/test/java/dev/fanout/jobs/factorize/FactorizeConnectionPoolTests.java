package dev.fanout.jobs.factorize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.StopRequests;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorizer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * More workers at once than the repository's pool has connections: a worker's transaction takes a connection only to
 * read its numbers and to save its results and progress, so every worker factorizes at the same time.
 */
// The pool's own connection timeout (30 s): the workers' commits all come at once, and on a loaded machine some wait
// seconds for a connection.
@SpringBootTest(properties = "spring.datasource.hikari.maximum-pool-size=" + FactorizeConnectionPoolTests.CONNECTIONS)
@SpringBatchTest
class FactorizeConnectionPoolTests {

	static final int CONNECTIONS = 3;

	static final int THREADS = 8;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("FactorizeConnectionPoolTests").toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job factorizeJob;

	@Autowired
	MeetingFactorizer factorizer;

	@Autowired
	StopRequests stopRequests;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	@Test
	void moreWorkersThanPooledConnectionsAllFactorizeAtOnceAndWriteEveryNumberOnce() throws Exception {
		// One number per worker: each share has one.
		List<Long> numbers = List.of(2139079L, 1214759L, 1516637L, 1852285L, 360L, 1048576L, 97L, 9999991L);
		this.factorizer.armed = true;
		JobExecution execution;
		try {
			execution = this.jobs.startJob(parameters(numbers));
		}
		finally {
			this.factorizer.armed = false;
		}

		assertThat(execution.getStatus()).as(execution.getExitStatus().getExitDescription())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.factorizer.met).as("all %d workers factorizing at once", THREADS).isTrue();
		assertThat(partitions(execution)).hasSize(THREADS);
		assertThat(Files.readString(Path.of(JobOutputs.of(execution).get(0)))).isEqualTo(ExpectedCsv.of(numbers));
	}

	/**
	 * A worker inside a long number asks the repository whether to stop; the read takes a connection and gives it
	 * back, where one made in the worker's transaction would keep it until the commit.
	 */
	@Test
	void aStopCheckInAWorkersTransactionGivesItsConnectionBack() throws Exception {
		StepExecution worker = partitions(this.jobs.startJob(parameters(List.of(12L)))).get(0);
		BooleanSupplier stop = this.stopRequests.of(worker, Duration.ZERO);
		HikariPoolMXBean pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();

		new TransactionTemplate(this.transactionManager).executeWithoutResult((transaction) -> {
			assertThat(stop.getAsBoolean()).isFalse();
			assertThat(pool.getActiveConnections()).as("connections in use after the check").isZero();
		});
	}

	@BeforeEach
	void useFactorizeJob() {
		this.jobs.setJob(this.factorizeJob);
	}

	/** A thread per number, up to {@value #THREADS}. */
	private static JobParameters parameters(List<Long> numbers) {
		return UniqueJobParameters.of("numbers", numbers.stream().map(String::valueOf).collect(Collectors.joining(",")),
				"threads", Integer.toString(Math.min(THREADS, numbers.size())));
	}

	private static List<StepExecution> partitions(JobExecution execution) {
		return execution.getStepExecutions()
			.stream()
			.filter((s) -> s.getStepName().startsWith(FactorizeJobConfiguration.WORKER_STEP + ":"))
			.toList();
	}

	/**
	 * While armed, holds each number, in its worker's transaction, until {@value #THREADS} workers are there: with one
	 * number each, they meet only if no worker's transaction keeps a connection the others need to begin theirs.
	 */
	static class MeetingFactorizer extends Factorizer {

		private final CyclicBarrier meeting = new CyclicBarrier(THREADS);

		volatile boolean armed;

		volatile boolean met;

		@Override
		public long[] divisors(long number, Algorithm algorithm, BooleanSupplier stop) {
			if (this.armed) {
				try {
					this.meeting.await(30, TimeUnit.SECONDS);
					this.met = true;
				}
				catch (InterruptedException | BrokenBarrierException | TimeoutException ex) {
					throw new IllegalStateException("the workers never factorized all at once", ex);
				}
			}
			return super.divisors(number, algorithm, stop);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Meeting {

		@Bean
		@Primary
		MeetingFactorizer meetingFactorizer() {
			return new MeetingFactorizer();
		}

	}

}
