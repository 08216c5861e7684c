package dev.fanout.recovery;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.env.MockEnvironment;

import dev.fanout.PostgresRepository;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A recovery in one process while the execution it recovers ends in another, on the real PostgreSQL server of this
 * machine (a throwaway schema). The execution runs on another host with a fresh heartbeat; it completes, and its
 * process deletes its owner record, at a chosen point of the recovery: a recovery must never turn an execution that
 * ended into a FAILED one (which a restart would then run again).
 */
class ConcurrentRecoveryTests {

	private final PostgresRepository postgres;

	private final HikariDataSource dataSource;

	private final JobRepository repository;

	private final JdbcTemplate jdbc;

	ConcurrentRecoveryTests() throws Exception {
		this.postgres = new PostgresRepository("fanout_recovery_", 2);
		this.dataSource = this.postgres.dataSource;
		this.repository = this.postgres.jobRepository;
		this.jdbc = this.postgres.jdbc;
	}

	@AfterEach
	void dropSchema() throws Exception {
		this.postgres.close();
	}

	/**
	 * {@code recover --orphans} lists the running executions, then reads the owner records: an execution that ended
	 * in between has no owner record any more and, started longer ago than the orphan timeout, is judged orphaned as
	 * it was read. Recovering it from that copy wrote FAILED over COMPLETED (Spring Batch's update takes the row's new
	 * version and keeps the higher status, FAILED).
	 */
	@Test
	void anExecutionThatEndsAfterTheOrphansWereListedKeepsItsEnd() {
		LiveExecution live = new LiveExecution();
		AtomicBoolean listed = new AtomicBoolean();
		Orphans orphans = orphans(intercepted("findRunningJobExecutions", () -> {
			if (listed.compareAndSet(false, true)) {
				live.complete();
			}
		}));

		List<JobExecution> judged = orphans.all();

		assertThat(judged).extracting(JobExecution::getId).as("judged by the copy read before it ended")
				.containsExactly(live.id());
		assertThat(judged.stream().filter(orphans::recover)).as("recovered").isEmpty();
		live.assertCompleted();
	}

	/** The execution ends while the recovery fails its steps, after the recovery read it running. */
	@Test
	void anExecutionThatEndsWhileItsRecoveryRunsKeepsItsEnd() {
		LiveExecution live = new LiveExecution();
		JobExecution read = this.repository.getJobExecution(live.id());
		AtomicBoolean stepsRead = new AtomicBoolean();
		Orphans orphans = orphans(intercepted("getStepExecution", () -> {
			if (stepsRead.compareAndSet(false, true)) {
				live.complete();
			}
		}));

		assertThat(orphans.recover(read)).as("recovered").isFalse();
		live.assertCompleted();
	}

	/** The execution ends right after the recovery read it running, before it wrote anything. */
	@Test
	void anExecutionThatEndsRightAfterItsRecoveryReadItKeepsItsEnd() {
		LiveExecution live = new LiveExecution();
		JobExecution read = this.repository.getJobExecution(live.id());
		AtomicBoolean executionRead = new AtomicBoolean();
		Orphans orphans = orphans(intercepted("getJobExecution", () -> {
			if (executionRead.compareAndSet(false, true)) {
				live.complete();
			}
		}));

		assertThat(orphans.recover(read)).as("recovered").isFalse();
		live.assertCompleted();
	}

	@Test
	void anOrphanIsRecoveredStill() {
		LiveExecution dead = new LiveExecution();
		this.jdbc.update("delete from FANOUT_EXECUTION_OWNER");
		Orphans orphans = orphans(this.repository);

		assertThat(orphans.all()).singleElement().satisfies((execution) -> assertThat(orphans.recover(execution))
			.isTrue());
		JobExecution recovered = this.repository.getJobExecution(dead.id());
		assertThat(recovered.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(recovered.getExitStatus().getExitDescription()).startsWith("Recovered:");
		assertThat(recovered.getStepExecutions()).singleElement()
			.satisfies((step) -> assertThat(step.getStatus()).isEqualTo(BatchStatus.FAILED));
	}

	private Orphans orphans(JobRepository repository) {
		return new Orphans(new ExecutionOwners(this.dataSource, new MockEnvironment()), repository,
				new RecoveryProperties(Duration.ofSeconds(5), Duration.ofSeconds(30), false));
	}

	/** The repository, running {@code then} after each call of {@code method} has returned its answer. */
	private JobRepository intercepted(String method, Runnable then) {
		return (JobRepository) Proxy.newProxyInstance(getClass().getClassLoader(),
				new Class<?>[] { JobRepository.class }, (proxy, called, args) -> {
					try {
						Object answer = called.invoke(this.repository, args);
						if (called.getName().equals(method)) {
							then.run();
						}
						return answer;
					}
					catch (InvocationTargetException ex) {
						throw ex.getCause();
					}
				});
	}

	/**
	 * An execution started an hour ago and running in a process of another host, with a step under way, as that
	 * process's own copies of them.
	 */
	private final class LiveExecution {

		private final JobExecution execution;

		private final StepExecution step;

		private LiveExecution() {
			JobParameters parameters = new JobParametersBuilder().addString("run", "live").toJobParameters();
			JobInstance instance = ConcurrentRecoveryTests.this.repository.createJobInstance("job", parameters);
			this.execution = ConcurrentRecoveryTests.this.repository.createJobExecution(instance, parameters,
					new ExecutionContext());
			this.execution.setStartTime(LocalDateTime.now().minusHours(1));
			this.execution.setStatus(BatchStatus.STARTED);
			ConcurrentRecoveryTests.this.repository.update(this.execution);
			this.step = ConcurrentRecoveryTests.this.repository.createStepExecution("step", this.execution);
			this.step.setStartTime(LocalDateTime.now().minusHours(1));
			this.step.setStatus(BatchStatus.STARTED);
			ConcurrentRecoveryTests.this.repository.update(this.step);
			OffsetDateTime now = OffsetDateTime.now();
			ConcurrentRecoveryTests.this.jdbc.update("insert into FANOUT_EXECUTION_OWNER (JOB_NAME, JOB_KEY, "
					+ "JOB_EXECUTION_ID, HOST, NODE, PID, CLAIMED, HEARTBEAT) values ('job', 'key', ?, "
					+ "'another-host', 'another-node', 1, ?, ?)", this.execution.getId(), now, now);
		}

		long id() {
			return this.execution.getId();
		}

		/** What its process does as it ends: the step, the execution, then the claim's release. */
		void complete() {
			this.step.setStatus(BatchStatus.COMPLETED);
			this.step.setExitStatus(ExitStatus.COMPLETED);
			this.step.setEndTime(LocalDateTime.now());
			ConcurrentRecoveryTests.this.repository.update(this.step);
			this.execution.setStatus(BatchStatus.COMPLETED);
			this.execution.setExitStatus(ExitStatus.COMPLETED);
			this.execution.setEndTime(LocalDateTime.now());
			ConcurrentRecoveryTests.this.repository.update(this.execution);
			ConcurrentRecoveryTests.this.jdbc.update("delete from FANOUT_EXECUTION_OWNER where JOB_EXECUTION_ID = ?",
					id());
		}

		void assertCompleted() {
			JobExecution now = ConcurrentRecoveryTests.this.repository.getJobExecution(id());
			assertThat(now.getStatus()).as("its status").isEqualTo(BatchStatus.COMPLETED);
			assertThat(now.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
			assertThat(now.getStepExecutions()).singleElement()
				.satisfies((step) -> assertThat(step.getStatus()).isEqualTo(BatchStatus.COMPLETED));
		}

	}

}
