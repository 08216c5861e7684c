package dev.fanout.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.launch.JobExecutionNotRunningException;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.RepositoryFixtures;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.NestedExecutions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The one stop that every path uses (API, CLI, signal, the scheduler at shutdown), against a real JDBC repository:
 * what matters is how its write meets the running job's own writes of the same row.
 */
class ExecutionStopperTests {

	private final DataSource dataSource = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("/org/springframework/batch/core/schema-h2.sql")
		.build();

	private final JobRepository repository = repository(this.dataSource);

	/** Something to run between the stop's reads of the repository and what it does next; none by default. */
	private Runnable onRead = () -> {
	};

	/** Reads that fail as a repository does when its database is away, before the reads succeed again. */
	private final AtomicInteger failingReads = new AtomicInteger();

	@Test
	void stopMarksARunningExecutionStoppingAndMovesItsVersionSoThatTheJobReadsItBack() throws Exception {
		JobExecution running = running();

		stopper(List.of()).stop(running);

		JobExecution stored = this.repository.getJobExecution(running.getId());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.STOPPING);
		assertThat(stored.getVersion()).isGreaterThan(running.getVersion());
		this.repository.update(running);
		assertThat(running.getStatus()).as("the job's own next write reads the stop").isEqualTo(BatchStatus.STOPPING);
	}

	@Test
	void aJobThatEndsJustAsTheStopArrivesIsNotPutBackToStopping() throws Exception {
		JobExecution running = running();
		// The job's last write lands right after the stop read the row: it completed all its work.
		this.onRead = () -> {
			this.onRead = () -> {
			};
			running.setStatus(BatchStatus.COMPLETED);
			running.setExitStatus(ExitStatus.COMPLETED);
			running.setEndTime(LocalDateTime.now());
			this.repository.update(running);
		};

		try {
			stopper(List.of()).stop(running);
		}
		catch (JobExecutionNotRunningException ex) {
			// the job's write came first: nothing to stop
		}

		JobExecution stored = this.repository.getJobExecution(running.getId());
		assertThat(stored.getStatus()).as("ended, so that it can be restarted or counted done").isIn(BatchStatus.COMPLETED,
				BatchStatus.STOPPED);
		assertThat(stored.getEndTime()).isNotNull();
	}

	@Test
	void stopRefusesAnExecutionThatEndedAndLeavesItAsItWas() {
		JobExecution completed = RepositoryFixtures.execution(this.repository, "factorize", UniqueJobParameters.of(),
				BatchStatus.COMPLETED, LocalDateTime.now());

		assertThatExceptionOfType(JobExecutionNotRunningException.class)
			.isThrownBy(() -> stopper(List.of()).stop(completed))
			.withMessageContaining("COMPLETED");
		JobExecution stored = this.repository.getJobExecution(completed.getId());
		assertThat(stored.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(stored.getVersion()).isEqualTo(completed.getVersion());
	}

	@Test
	void stopAsksTheRunningExecutionsThatTheStoppedOneLaunchedToStopToo() throws Exception {
		JobExecution parent = running();
		JobExecution child = running();
		JobExecution ended = RepositoryFixtures.execution(this.repository, "factorize", UniqueJobParameters.of(),
				BatchStatus.COMPLETED, LocalDateTime.now());

		stopper(List.of((stopping) -> stopping.getId() == parent.getId() ? List.of(child, ended) : List.of()))
			.stop(parent);

		assertThat(this.repository.getJobExecution(child.getId()).getStatus()).isEqualTo(BatchStatus.STOPPING);
		assertThat(this.repository.getJobExecution(ended.getId()).getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void aSweepSaysToAskAgainWhileTheRepositoryFailsThenStopsIt() {
		JobExecution running = running();
		ExecutionStopper stopper = stopper(List.of());
		this.failingReads.set(1);
		assertThat(stopper.askToStop(running.getId(), (execution) -> true, "test")).as("ask again").isFalse();

		assertThat(stopper.askToStop(running.getId(), (execution) -> true, "test")).isTrue();
		assertThat(this.repository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STOPPING);
	}

	@Test
	void aSweepLeavesAnExecutionItIsNotToStopAndNeedsNotAskAgain() {
		JobExecution running = running();

		assertThat(stopper(List.of()).askToStop(running.getId(), (execution) -> false, "test")).isTrue();
		assertThat(this.repository.getJobExecution(running.getId()).getStatus()).isEqualTo(BatchStatus.STARTED);
	}

	private JobExecution running() {
		return RepositoryFixtures.execution(this.repository, "factorize", UniqueJobParameters.of(), BatchStatus.STARTED,
				LocalDateTime.now());
	}

	private ExecutionStopper stopper(List<NestedExecutions> nested) {
		return new ExecutionStopper(watched(), this.dataSource, new MockEnvironment(), nested);
	}

	/** The repository, with {@link #onRead} run after each read of a job execution and {@link #failingReads}. */
	private JobRepository watched() {
		return (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { JobRepository.class },
				(proxy, method, args) -> {
					if (method.getName().equals("getJobExecution") && this.failingReads.getAndDecrement() > 0) {
						throw new DataAccessResourceFailureException("connection refused");
					}
					try {
						Object result = method.invoke(this.repository, args);
						if (method.getName().equals("getJobExecution")) {
							this.onRead.run();
						}
						return result;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	private static JobRepository repository(DataSource dataSource) {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		factory.setTransactionManager(new DataSourceTransactionManager(dataSource));
		try {
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
