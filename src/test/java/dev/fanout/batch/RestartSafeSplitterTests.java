package dev.fanout.batch;

import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobExecutionException;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.partition.Partitioner;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.repository.support.JdbcJobRepositoryFactoryBean;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseBuilder;
import org.springframework.jdbc.datasource.embedded.EmbeddedDatabaseType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Against a real JDBC job repository: the partitions of a manager step killed half-way through splitting, or half-way
 * through its partitions, get their input back on restart.
 */
class RestartSafeSplitterTests {

	private static final String WORKER = "worker";

	/** Two bands, as a partitioner that rebuilds them from a saved plan returns them on every call. */
	private final Partitioner bands = (gridSize) -> {
		Map<String, ExecutionContext> partitions = new LinkedHashMap<>();
		for (int band = 0; band < 2; band++) {
			partitions.put("band" + band, new ExecutionContext(Map.of("band", band)));
		}
		return partitions;
	};

	private JobRepository repository;

	private CountedCommits transactionManager;

	private JobInstance instance;

	@BeforeEach
	void repository() throws Exception {
		DataSource dataSource = new EmbeddedDatabaseBuilder().generateUniqueName(true)
			.setType(EmbeddedDatabaseType.H2)
			.addScript("/org/springframework/batch/core/schema-h2.sql")
			.build();
		JdbcJobRepositoryFactoryBean factory = new JdbcJobRepositoryFactoryBean();
		factory.setDataSource(dataSource);
		this.transactionManager = new CountedCommits(dataSource);
		factory.setTransactionManager(this.transactionManager);
		factory.afterPropertiesSet();
		this.repository = factory.getObject();
		this.instance = this.repository.createJobInstance("job", new JobParameters());
	}

	@Test
	void aFreshSplitGivesEveryPartitionThePartitionersContext() throws Exception {
		Set<StepExecution> partitions = split(manager(execution()));

		assertThat(partitions).extracting(StepExecution::getStepName).containsExactly("worker:band0", "worker:band1");
		assertThat(partitions).allSatisfy((partition) -> assertThat(savedContext(partition).containsKey("band")).isTrue());
	}

	/** Each commit is a round trip to the repository's server: Spring Batch's creations take one each, the rest two. */
	@Test
	void aSplitCommitsThePlanOnceEachPartitionAndThenTheirContextsOnce() throws Exception {
		StepExecution manager = manager(execution());
		int before = this.transactionManager.commits;

		split(manager);

		assertThat(this.transactionManager.commits - before).isEqualTo(4);
	}

	@Test
	void aPartitionSavedBeforeItsContextGetsItsInputBackOnRestart() throws Exception {
		JobExecution killed = execution();
		// What a kill between Spring Batch's two writes of a new partition leaves: the row, but an empty context.
		StepExecution empty = this.repository.createStepExecution("worker:band0", killed);
		finish(empty, BatchStatus.FAILED);
		StepExecution done = this.repository.createStepExecution("worker:band1", killed);
		done.setExecutionContext(new ExecutionContext(Map.of("band", 1)));
		this.repository.updateExecutionContext(done);
		finish(done, BatchStatus.COMPLETED);
		finish(killed);

		Set<StepExecution> partitions = split(manager(execution()));

		assertThat(partitions).singleElement().satisfies((partition) -> {
			assertThat(partition.getStepName()).isEqualTo("worker:band0");
			assertThat(savedContext(partition).getInt("band")).isZero();
		});
	}

	@Test
	void aRestartedPartitionKeepsItsSavedProgress() throws Exception {
		JobExecution stopped = execution();
		StepExecution halfWay = this.repository.createStepExecution("worker:band1", stopped);
		halfWay.setExecutionContext(new ExecutionContext(Map.of("band", 1, "reader.read.count", 40)));
		this.repository.updateExecutionContext(halfWay);
		finish(halfWay, BatchStatus.STOPPED);
		finish(stopped);

		Set<StepExecution> partitions = split(manager(execution()));

		StepExecution band1 = partitions.stream()
			.filter((p) -> p.getStepName().equals("worker:band1"))
			.findFirst()
			.orElseThrow();
		assertThat(savedContext(band1).getInt("reader.read.count")).isEqualTo(40);
		assertThat(savedContext(band1).getInt("band")).isEqualTo(1);
	}

	/**
	 * A life run started with local workers and restarted with remote ones: the restarted bands must read their input
	 * where this attempt puts it (rows), not where the first attempt did (the manager's files, which a worker lacks).
	 */
	@Test
	void aRestartedPartitionTakesHowThisAttemptRunsItFromThePartitionerAndKeepsItsProgress() throws Exception {
		String where = RestartSafeSplitter.THIS_ATTEMPT + "input";
		JobExecution local = execution();
		StepExecution halfWay = this.repository.createStepExecution("worker:band0", local);
		halfWay.setExecutionContext(new ExecutionContext(Map.of("band", 0, where, "files", "reader.read.count", 40)));
		this.repository.updateExecutionContext(halfWay);
		finish(halfWay, BatchStatus.FAILED);
		finish(local);
		Partitioner remote = (gridSize) -> Map.of("band0", new ExecutionContext(Map.of("band", 0, where, "rows")));

		Set<StepExecution> partitions = new RestartSafeSplitter(this.repository, this.transactionManager, WORKER, remote)
			.split(manager(execution()), 1);

		assertThat(partitions).singleElement().satisfies((partition) -> {
			assertThat(savedContext(partition).getString(where)).as("this attempt's").isEqualTo("rows");
			assertThat(savedContext(partition).getInt("reader.read.count")).as("its progress").isEqualTo(40);
		});
	}

	@Test
	void refusesAPartitionLeftRunning() throws Exception {
		JobExecution killed = execution();
		StepExecution running = this.repository.createStepExecution("worker:band0", killed);
		finish(running, BatchStatus.STARTED);
		finish(killed);

		StepExecution manager = manager(execution());
		assertThatExceptionOfType(JobExecutionException.class).isThrownBy(() -> split(manager))
			.withMessageContaining("worker:band0")
			.withMessageContaining("recover it first");
	}

	@Test
	void aRefusedSplitCreatesNoPartition() throws Exception {
		JobExecution killed = execution();
		StepExecution band0 = this.repository.createStepExecution("worker:band0", killed);
		finish(band0, BatchStatus.FAILED);
		finish(this.repository.createStepExecution("worker:band1", killed), BatchStatus.STARTED);
		finish(killed);

		StepExecution manager = manager(execution());
		assertThatExceptionOfType(JobExecutionException.class).isThrownBy(() -> split(manager))
			.withMessageContaining("worker:band1");

		// band0 would run again, and comes first: it must not be left STARTING, which every later split refuses.
		assertThat(this.repository.getLastStepExecution(this.instance, "worker:band0").getId()).isEqualTo(band0.getId());
	}

	private Set<StepExecution> split(StepExecution manager) throws JobExecutionException {
		return new RestartSafeSplitter(this.repository, this.transactionManager, WORKER, this.bands).split(manager, 2);
	}

	private ExecutionContext savedContext(StepExecution partition) {
		return this.repository.getStepExecution(partition.getId()).getExecutionContext();
	}

	private JobExecution execution() throws Exception {
		JobExecution execution = this.repository.createJobExecution(this.instance, new JobParameters(),
				new ExecutionContext());
		execution.setStatus(BatchStatus.STARTED);
		this.repository.update(execution);
		return execution;
	}

	private StepExecution manager(JobExecution execution) {
		return this.repository.createStepExecution("manager", execution);
	}

	private void finish(StepExecution step, BatchStatus status) {
		step.setStatus(status);
		this.repository.update(step);
	}

	private void finish(JobExecution execution) {
		execution.setStatus(BatchStatus.FAILED);
		execution.setEndTime(LocalDateTime.now());
		this.repository.update(execution);
	}

	/** Spring's transaction manager for one data source, counting the commits it makes. */
	private static final class CountedCommits extends DataSourceTransactionManager {

		private int commits;

		CountedCommits(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			this.commits++;
			super.doCommit(status);
		}

	}

}
