package dev.fanout.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.mockito.Answers;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.launch.support.TaskExecutorJobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.dao.CannotAcquireLockException;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Heartbeat;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.RecoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;

/**
 * A launch through Spring Batch's own operator and repository (on an embedded database), whose first try fails on a
 * lock conflict between Spring Batch's creation of the instance and of its execution, as a conflict with another
 * instance's launch at the same moment does.
 */
class GuardedLaunchTests {

	private final DataSource dataSource = new EmbeddedDatabaseBuilder().generateUniqueName(true)
		.setType(EmbeddedDatabaseType.H2)
		.addScript("/org/springframework/batch/core/schema-h2.sql")
		.build();

	private final DataSourceTransactionManager transactions = new DataSourceTransactionManager(this.dataSource);

	private final JobRepository repository = repository();

	@Test
	void aTryThatLeftAnInstanceWithoutItsExecutionIsFollowedByOneThatRunsTheJob() throws Exception {
		AtomicBoolean failedOnce = new AtomicBoolean();
		JobRepository failingOnce = (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("createJobExecution") && failedOnce.compareAndSet(false, true)) {
						throw new CannotAcquireLockException("could not serialize access");
					}
					try {
						return method.invoke(this.repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
		Job job = new JobBuilder("guarded", this.repository)
			.start(new StepBuilder("only", this.repository)
				.tasklet((contribution, context) -> RepeatStatus.FINISHED, this.transactions)
				.build())
			.build();
		JobParameters parameters = new JobParametersBuilder().addString("run.id", "1").toJobParameters();

		JobExecution execution = guardedLaunch(JobOperators.on(failingOnce)).startNew(job, parameters, new Object());

		assertThat(failedOnce).isTrue();
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.repository.getJobInstances("guarded", 0, 10)).singleElement()
			.satisfies((instance) -> assertThat(this.repository.getJobExecutions(instance))
				.extracting(JobExecution::getId)
				.containsExactly(execution.getId()));
	}

	private GuardedLaunch guardedLaunch(TaskExecutorJobOperator operator) {
		// Every claim granted: a table of owners that takes every row.
		ExecutionOwners owners = mock(ExecutionOwners.class, (invocation) -> (invocation.getMethod()
			.getReturnType() == boolean.class) ? true : Answers.RETURNS_DEFAULTS.answer(invocation));
		Orphans orphans = mock(Orphans.class);
		ExecutionClaims claims = new ExecutionClaims(owners, mock(Heartbeat.class), orphans);
		RecoveryProperties recovery = new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), false);
		return new GuardedLaunch(operator, this.repository, claims, orphans, recovery,
				new LaunchConflicts(this.repository, null), new ExecutionParameters(List.of()));
	}

	private JobRepository repository() {
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(this.dataSource);
		factory.setTransactionManager(this.transactions);
		try {
			factory.afterPropertiesSet();
			return factory.getObject();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
