package dev.fanout.batch;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import dev.fanout.Await;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connections taken on demand and Spring Batch's DAO locks, on a pool of one connection: a step saving its context
 * waits for the pool before it takes the lock, so the transaction that holds the connection can still save its own.
 */
@SpringBootTest(properties = { "spring.datasource.hikari.maximum-pool-size=1",
		"spring.datasource.hikari.connection-timeout=10000" })
class ConnectionsOnDemandTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("ConnectionsOnDemandTests").toString());
	}

	@Autowired
	JobRepository jobRepository;

	@Autowired
	DataSource dataSource;

	@Autowired
	PlatformTransactionManager transactionManager;

	/**
	 * The deadlock seen with 8 factorize workers on 3 connections: a transaction that wrote first (its results) holds
	 * a connection and then saves its step's context, while another step's save, with no connection yet, has taken
	 * Spring Batch's lock and waits for one.
	 */
	@Test
	void aContextSaveWaitingForTheLastConnectionLeavesSpringBatchsLockToTheTransactionThatHoldsIt() throws Exception {
		JobExecution job = this.jobRepository.createJobExecution(
				this.jobRepository.createJobInstance("connections-" + UUID.randomUUID(), new JobParameters()),
				new JobParameters(), new ExecutionContext());
		StepExecution holding = this.jobRepository.createStepExecution("holding", job);
		StepExecution waiting = this.jobRepository.createStepExecution("waiting", job);
		HikariPoolMXBean pool = this.dataSource.unwrap(HikariDataSource.class).getHikariPoolMXBean();
		FutureTask<Void> otherSave = new FutureTask<>(() -> this.jobRepository.updateExecutionContext(waiting), null);

		new TransactionTemplate(this.transactionManager).executeWithoutResult((transaction) -> {
			new JdbcTemplate(this.dataSource).queryForObject("select count(*) from FANOUT_PARTITION_DATA", Long.class);
			Thread.ofPlatform().name("waiting-save").start(otherSave);
			try {
				Await.until("the other save waiting for the pool's connection", Duration.ofSeconds(30),
						() -> pool.getThreadsAwaitingConnection() == 1);
			}
			catch (Exception ex) {
				throw new IllegalStateException(ex);
			}
			this.jobRepository.updateExecutionContext(holding);
		});

		otherSave.get(30, TimeUnit.SECONDS);
		assertThat(pool.getActiveConnections()).isZero();
	}

}
