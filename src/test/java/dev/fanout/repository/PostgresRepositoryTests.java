package dev.fanout.repository;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import dev.fanout.CommandResult;
import dev.fanout.PostgresSchema;
import dev.fanout.TestDataDirectories;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The same application on the real PostgreSQL server of this machine (127.0.0.1:5432, database {@code test}), by
 * configuration alone: the {@code postgres} profile and a URL. Each run uses a schema of its own, dropped afterwards.
 */
class PostgresRepositoryTests {

	private PostgresSchema schema;

	@BeforeEach
	void createSchema() throws Exception {
		this.schema = PostgresSchema.create("fanout_test_");
	}

	@AfterEach
	void dropSchema() throws Exception {
		this.schema.close();
	}

	@Test
	void runsJobsAndKeepsHistoryInPostgresql() {
		String[] args = { "--spring.profiles.active=postgres",
				"--spring.datasource.url=" + this.schema.url(),
				"--fanout.data-dir=" + TestDataDirectories.fresh("PostgresRepositoryTests") };

		long execution;
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(args)) {
			CommandResult run = RepositoryTestSupport.command(context, "run", "factorize", "threads=2");
			assertThat(run.exitCode()).as(run.toString()).isZero();
			execution = run.executionId();

			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			assertThat(jdbc.queryForObject("select current_schema()", String.class)).isEqualTo(this.schema.name());
			assertThat(jdbc.queryForObject("select STATUS from BATCH_JOB_EXECUTION where JOB_EXECUTION_ID = ?",
					String.class, execution))
				.isEqualTo("COMPLETED");
			assertThat(jdbc.queryForObject(
					"select count(*) from BATCH_STEP_EXECUTION where JOB_EXECUTION_ID = ? and STEP_NAME like 'factorizeWorker:%'",
					Integer.class, execution))
				.isEqualTo(2);
		}
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(args)) {
			CommandResult show = RepositoryTestSupport.command(context, "show", Long.toString(execution));
			assertThat(show.exitCode()).as("schema script is harmless on a second start").isZero();
			assertThat(show.out()).contains("COMPLETED").contains("factorizeWorker:partition1");

			// The listing reads ended executions with its own SQL: PostgreSQL runs it too.
			CommandResult history = RepositoryTestSupport.command(context, "history", "factorize");
			assertThat(history.exitCode()).as(history.toString()).isZero();
			assertThat(history.out()).containsPattern("(?m)^\\s*" + execution + "\\s+factorize\\s+COMPLETED\\s.*threads=2");
		}
	}

	@Test
	void keepsSpringBatchsTablesInTheSchemaThatTheTablePrefixNames() throws Exception {
		try (PostgresSchema batch = PostgresSchema.create("fanout_test_")) {
			String batchSchema = batch.name();
			String[] args = { "--spring.profiles.active=postgres",
					"--spring.datasource.url=" + this.schema.url(),
					"--spring.batch.jdbc.table-prefix=" + batchSchema + ".BATCH_",
					"--fanout.data-dir=" + TestDataDirectories.fresh("PostgresRepositoryTests-prefix") };
			try (ConfigurableApplicationContext context = RepositoryTestSupport.start(args)) {
				CommandResult run = RepositoryTestSupport.command(context, "run", "factorize", "numbers=12,18");
				assertThat(run.exitCode()).as(run.toString()).isZero();
				assertThat(RepositoryTestSupport.command(context, "history").out()).contains("factorize", "COMPLETED");
				CommandResult prune = RepositoryTestSupport.command(context, "prune", "--older-than", "0s");
				assertThat(prune.exitCode()).as(prune.toString()).isZero();

				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
						String.class, batchSchema))
					.contains("batch_job_instance", "batch_job_execution", "batch_step_execution");
				assertThat(jdbc.queryForList("select indexname from pg_indexes where schemaname = ?", String.class,
						batchSchema))
					.as("the scheduler's run.id index, beside its table")
					.contains("batch_job_execution_params_run_id");
				assertThat(jdbc.queryForList("select table_name from information_schema.tables where table_schema = ?",
						String.class, this.schema.name()))
					.contains("fanout_execution_owner")
					.noneMatch((table) -> table.startsWith("batch_"));
				assertThat(jdbc.queryForObject("select count(*) from " + batchSchema + ".BATCH_JOB_INSTANCE",
						Integer.class)).as("pruned").isZero();
			}
		}
	}

	/**
	 * Two processes launching different instances at the same moment (two servers firing their schedules) create
	 * instances, executions and step executions side by side. At Spring Batch's default SERIALIZABLE, PostgreSQL
	 * failed about one creation in five of this loop, and a running job FAILED when its step's creation was the one.
	 */
	@Test
	void creationsOfDifferentInstancesAtTheSameMomentDoNotFailOneAnother() throws Exception {
		String[] args = { "--spring.profiles.active=postgres", "--spring.datasource.url=" + this.schema.url(),
				"--fanout.data-dir=" + TestDataDirectories.fresh("PostgresRepositoryTests-side-by-side") };
		try (ConfigurableApplicationContext context = RepositoryTestSupport.start(args)) {
			JobRepository repository = context.getBean(JobRepository.class);
			CyclicBarrier together = new CyclicBarrier(2);
			List<Throwable> failures = new CopyOnWriteArrayList<>();
			Runnable launches = () -> {
				for (int i = 0; i < 30; i++) {
					try {
						together.await(30, TimeUnit.SECONDS);
						JobParameters parameters = new JobParametersBuilder()
							.addString("run.id", Thread.currentThread().getName() + "-" + i)
							.toJobParameters();
						JobExecution execution = repository.createJobExecution(
								repository.createJobInstance("side-by-side", parameters), parameters,
								new ExecutionContext());
						repository.update(repository.createStepExecution("step", execution));
					}
					catch (Exception ex) {
						failures.add(ex);
					}
				}
			};
			Thread first = Thread.ofPlatform().name("first").start(launches);
			Thread second = Thread.ofPlatform().name("second").start(launches);
			first.join();
			second.join();
			assertThat(failures).isEmpty();
		}
	}

}
