package dev.fanout.remote;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.UUID;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.PostgresRepository;
import dev.fanout.PostgresSchema;

/**
 * A job repository with Fanout's tables in a throwaway schema of this machine's PostgreSQL server (127.0.0.1:5432,
 * database {@code test}), as manager and workers share it, without an application context: for fast tests of the
 * remote parts. {@link #close()} drops the schema.
 */
final class RemoteTestRepository implements AutoCloseable {

	final PostgresSchema schema;

	final HikariDataSource dataSource;

	final JdbcTransactionManager transactionManager;

	final JobRepository jobRepository;

	final JdbcTemplate jdbc;

	private final PostgresRepository repository;

	RemoteTestRepository() throws Exception {
		this.repository = new PostgresRepository("fanout_remote_", 4);
		this.schema = this.repository.schema;
		this.dataSource = this.repository.dataSource;
		this.transactionManager = this.repository.transactions;
		this.jobRepository = this.repository.jobRepository;
		this.jdbc = this.repository.jdbc;
	}

	/** Workers on this schema, a worker being dead once its heartbeat is older than {@code timeout}. */
	Workers workers(Duration timeout) {
		MockEnvironment environment = new MockEnvironment();
		environment.setConversionService(new ApplicationConversionService()); // durations, as Boot reads them
		return new Workers(this.dataSource,
				environment.withProperty("fanout.remote.worker-timeout", timeout.toMillis() + "ms"));
	}

	/** A new execution of a new instance of this job, STARTED as a manager's is while its partitions run. */
	JobExecution runningExecution(String job) {
		JobParameters parameters = new JobParametersBuilder().addString("run", UUID.randomUUID().toString())
			.toJobParameters();
		JobInstance instance = this.jobRepository.createJobInstance(job, parameters);
		JobExecution execution = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.STARTED);
		this.jobRepository.update(execution);
		return execution;
	}

	/** A partition waiting for a worker, as the manager's splitter leaves it: STARTING, no claim. */
	StepExecution partition(JobExecution execution, String name) {
		return this.jobRepository.createStepExecution(name, execution);
	}

	BatchStatus status(long stepExecutionId) {
		return BatchStatus.valueOf(this.jdbc.queryForObject(
				"select STATUS from BATCH_STEP_EXECUTION where STEP_EXECUTION_ID = ?", String.class, stepExecutionId));
	}

	String exitDescription(long stepExecutionId) {
		return this.jdbc.queryForObject("select EXIT_MESSAGE from BATCH_STEP_EXECUTION where STEP_EXECUTION_ID = ?",
				String.class, stepExecutionId);
	}

	/** Who holds a partition's claim ({@code FANOUT_PARTITION_WORKER.WORKER_ID}), or {@code null}: nobody. */
	String claimer(long stepExecutionId) {
		return this.jdbc
			.queryForList("select WORKER_ID from FANOUT_PARTITION_WORKER where STEP_EXECUTION_ID = ?", String.class,
					stepExecutionId)
			.stream()
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() throws Exception {
		this.repository.close();
	}

}
