package dev.fanout.launch;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.jdbc.support.JdbcTransactionManager;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.PostgresRepository;
import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;
import dev.fanout.core.CommandFailure;
import dev.fanout.history.ExecutionHistory;
import dev.fanout.recovery.ExecutionClaims;
import dev.fanout.recovery.ExecutionOwners;
import dev.fanout.recovery.Heartbeat;
import dev.fanout.recovery.Orphans;
import dev.fanout.recovery.RecoveryProperties;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

/**
 * An abandon of a FAILED execution while a restart of its instance is under way, on the real PostgreSQL server of this
 * machine (a throwaway schema): the restart has claimed the instance and found the execution restartable, and is about
 * to create its own. The abandon and the restart must not both happen: an abandoned instance never runs again.
 */
class AbandonDuringRestartTests {

	private final PostgresRepository postgres = new PostgresRepository("fanout_abandon_", 3);

	private final HikariDataSource dataSource = this.postgres.dataSource;

	private final JdbcTransactionManager transactions = this.postgres.transactions;

	private final JobRepository repository = this.postgres.jobRepository;

	private final RecoveryProperties recovery = new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30),
			false);

	private final Heartbeat heartbeat;

	private final ExecutionOwners owners;

	private final Orphans orphans;

	AbandonDuringRestartTests() throws Exception {
		this.heartbeat = new Heartbeat(this.dataSource, this.recovery);
		this.owners = new ExecutionOwners(this.dataSource, new MockEnvironment());
		this.orphans = new Orphans(this.owners, this.repository, this.recovery, this.heartbeat);
	}

	@AfterEach
	void dropSchema() throws Exception {
		this.heartbeat.destroy();
		this.postgres.close();
	}

	@Test
	void anAbandonDuringARestartOfTheInstanceIsRefusedAndTheRestartRuns() throws Exception {
		JobParameters parameters = new JobParametersBuilder().addString("run.id", "1").toJobParameters();
		JobExecution failed = failedExecution(parameters);
		ExecutionActions actions = actions();
		AtomicReference<Object> abandon = new AtomicReference<>();
		// The restart's own execution is created just after the abandon: the restart found the instance restartable.
		JobRepository abandonedBeforeCreation = (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, method, args) -> {
					if (method.getName().equals("createJobExecution") && abandon.get() == null) {
						try {
							abandon.set(actions.abandon(failed.getId()).getStatus());
						}
						catch (CommandFailure ex) {
							abandon.set(ex);
						}
					}
					try {
						return method.invoke(this.repository, args);
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});

		JobExecution restart = guardedLaunch(abandonedBeforeCreation).start(job(), parameters, (notice) -> {
		});

		assertThat(abandon.get()).as("the abandon").isInstanceOf(CommandFailure.class);
		assertThat(((CommandFailure) abandon.get()).getMessage()).contains("another launch of this job instance");
		assertThat(this.repository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(restart.getStatus()).isEqualTo(BatchStatus.COMPLETED);
	}

	@Test
	void anAbandonWithNoLaunchUnderWayAbandons() throws Exception {
		JobExecution failed = failedExecution(new JobParametersBuilder().addString("run.id", "2").toJobParameters());

		actions().abandon(failed.getId());

		assertThat(this.repository.getJobExecution(failed.getId()).getStatus()).isEqualTo(BatchStatus.ABANDONED);
		assertThat(this.owners.all()).as("the abandon's claim, released").isEmpty();
	}

	private JobExecution failedExecution(JobParameters parameters) {
		JobInstance instance = this.repository.createJobInstance("job", parameters);
		JobExecution execution = this.repository.createJobExecution(instance, parameters, new ExecutionContext());
		execution.setStartTime(LocalDateTime.now().minusMinutes(1));
		execution.setEndTime(LocalDateTime.now());
		execution.setStatus(BatchStatus.FAILED);
		execution.setExitStatus(ExitStatus.FAILED);
		this.repository.update(execution);
		return execution;
	}

	/** The abandon's process: the actions as the CLI, the API and the dashboard use them. */
	private ExecutionActions actions() throws Exception {
		ExecutionHistory history = mock(ExecutionHistory.class);
		when(history.find(anyLong()))
			.thenAnswer((invocation) -> this.repository.getJobExecution(invocation.getArgument(0)));
		ExecutionStates states = new ExecutionStates(this.repository, this.orphans, List.of(), this.recovery);
		return new ExecutionActions(JobOperators.on(this.repository), null, history, this.orphans, this.repository,
				states, this.heartbeat, claims(), new LaunchConflicts(this.repository, this.orphans));
	}

	/** The restart's process: the one launch path. */
	private GuardedLaunch guardedLaunch(JobRepository repository) throws Exception {
		return new GuardedLaunch(JobOperators.on(repository), this.repository, claims(), this.orphans, this.recovery,
				new LaunchConflicts(this.repository, this.orphans),
				new ExecutionParameters(List.<JobDescription<?>>of(description())));
	}

	/** The test job's description: no parameters to check, none to read. */
	private static JobDescription<Object> description() {
		return new JobDescription<>() {

			@Override
			public String jobName() {
				return "job";
			}

			@Override
			public String summary() {
				return "job";
			}

			@Override
			public List<JobParameterDescription> parameters() {
				return List.of();
			}

			@Override
			public Object parse(ParameterValues values) {
				return values;
			}

			@Override
			public Object forLaunch(JobParameters parameters, LaunchKind kind) {
				return parameters;
			}

		};
	}

	private ExecutionClaims claims() {
		return new ExecutionClaims(this.owners, this.heartbeat, this.orphans);
	}

	private Job job() {
		return new JobBuilder("job", this.repository)
			.start(new StepBuilder("only", this.repository)
				.tasklet((contribution, context) -> RepeatStatus.FINISHED, this.transactions)
				.build())
			.build();
	}

}
