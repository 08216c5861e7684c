package dev.fanout.jobs.factorize;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import javax.sql.DataSource;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.Await;
import dev.fanout.BackgroundLaunch;
import dev.fanout.CommandResult;
import dev.fanout.FileReads;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.cli.FanoutCommandLine;
import dev.fanout.core.ExitCodes;
import dev.fanout.core.FanoutProperties;
import dev.fanout.launch.ExecutionStopper;
import dev.fanout.recovery.ProcessIdentity;
import dev.fanout.jobs.factorize.numbers.Algorithm;
import dev.fanout.jobs.factorize.numbers.Factorizer;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@SpringBatchTest
class FactorizeJobTests {

	static final long FAILING_NUMBER = 1214759;

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("FactorizeJobTests").toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job factorizeJob;

	@Autowired
	FanoutProperties fanout;

	@Autowired
	FailingFactorizer factorizer;

	@Autowired
	FanoutCommandLine commandLine;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	DataSource dataSource;

	@Autowired
	ExecutionStopper stopper;


	@BeforeEach
	void useFactorizeJob() {
		this.jobs.setJob(this.factorizeJob);
		this.factorizer.failOn.set(false);
	}

	@Test
	void writesTheDivisorsOfTheBooksNumbersInInputOrder() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("file", "factorize/numbers.txt", "threads", "2"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(output(execution)).isEqualTo(ExpectedCsv.of(List.of(2139079L, 1214759L, 1516637L, 1852285L)));
	}

	@Test
	void naiveAndFastAlgorithmsWriteIdenticalFiles() throws Exception {
		String numbers = "1,2,97,360,1048576,2139079,9999991";
		JobExecution naive = this.jobs.startJob(
				UniqueJobParameters.of("numbers", numbers, "threads", "2", "algorithm", "naive"));
		JobExecution fast = this.jobs.startJob(
				UniqueJobParameters.of("numbers", numbers, "threads", "2", "algorithm", "fast"));

		assertThat(output(naive)).isEqualTo(output(fast))
			.isEqualTo(ExpectedCsv.of(List.of(1L, 2L, 97L, 360L, 1048576L, 2139079L, 9999991L)));
	}

	@Test
	void fansOutOnePartitionPerThreadAndKeepsInputOrder() throws Exception {
		List<Long> numbers = new Random(7).longs(57, 1, 5_000_000).boxed().toList();
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("numbers",
				numbers.stream().map(String::valueOf).collect(Collectors.joining(",")), "threads", "3"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> partitions = partitions(execution);
		assertThat(partitions).hasSize(3).allSatisfy((p) -> assertThat(p.getReadCount()).isPositive());
		assertThat(partitions.stream().mapToLong(StepExecution::getWriteCount).sum()).isEqualTo(numbers.size());
		assertThat(output(execution)).isEqualTo(ExpectedCsv.of(numbers));
		assertThat(JobOutputs.summary(execution)).isEqualTo("57 numbers factorized (fast, 3 threads)");
	}

	@Test
	void neverMakesMorePartitionsThanNumbers() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("numbers", "6,28", "threads", "8"));

		assertThat(partitions(execution)).hasSize(2);
		assertThat(output(execution)).isEqualTo(ExpectedCsv.of(List.of(6L, 28L)));
	}

	@Test
	void restartRecomputesOnlyTheFailedPartitionAndWritesTheSameCsv() throws Exception {
		List<Long> numbers = List.of(2139079L, 1214759L, 1516637L, 1852285L, 360L, 1048576L);
		String list = numbers.stream().map(String::valueOf).collect(Collectors.joining(","));
		this.factorizer.failOn.set(true);

		JobParameters failing = UniqueJobParameters.of("numbers", list, "threads", "3");
		JobExecution first = this.jobs.startJob(failing);

		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(first.getExitStatus().getExitDescription()).contains("injected failure on " + FAILING_NUMBER)
			.doesNotContain("\tat ");
		assertThat(partitions(first)).filteredOn((p) -> p.getStatus() == BatchStatus.FAILED).hasSize(1);
		assertThat(Files.list(this.fanout.outputDirectory("factorize"))
			.filter((p) -> p.getFileName().toString().equals("instance-" + first.getJobInstance().getInstanceId() + ".csv")))
			.as("no output after a failed run")
			.isEmpty();

		this.factorizer.failOn.set(false);
		JobExecution restarted = this.jobs.startJob(failing);

		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(first.getJobInstance().getInstanceId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(restarted)).as("only the failed partition runs again").hasSize(1);
		JobExecution uninterrupted = this.jobs.startJob(UniqueJobParameters.of("numbers", list, "threads", "3"));
		assertThat(output(restarted)).isEqualTo(output(uninterrupted)).isEqualTo(ExpectedCsv.of(numbers));
	}

	/**
	 * A process killed after Spring Batch recorded the manager step COMPLETED and before it saved the job's context
	 * (seen once under kill -9): the restart does not run the manager again, and the fan-in still finds the plan.
	 */
	@Test
	void aRestartAfterAKillBetweenTheManagersEndAndTheJobContextsSaveStillMergesEveryNumber() throws Exception {
		List<Long> numbers = List.of(2139079L, 1214759L, 360L);
		JobParameters parameters = UniqueJobParameters.of("numbers",
				numbers.stream().map(String::valueOf).collect(Collectors.joining(",")), "threads", "2");
		Path outputs = this.fanout.outputDirectory("factorize");
		Path aside = outputs.resolveSibling("factorize-aside");
		Files.createDirectories(outputs);
		Files.move(outputs, aside);
		Files.writeString(outputs, "a file where the outputs' directory belongs: the fan-in fails");
		JobExecution first;
		try {
			first = this.jobs.startJob(parameters);
		}
		finally {
			Files.delete(outputs);
			Files.move(aside, outputs);
		}
		assertThat(first.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(first.getStepExecutions()).filteredOn((s) -> s.getStepName().equals(FactorizeJobConfiguration.MANAGER_STEP))
			.extracting(StepExecution::getStatus)
			.containsExactly(BatchStatus.COMPLETED);
		// What the kill leaves: the job's context as it was before the manager step ended.
		JobExecution saved = this.jobRepository.getJobExecution(first.getId());
		saved.getExecutionContext().remove(FactorizePartitioner.SHARES);
		saved.getExecutionContext().remove(FactorizePartitioner.TOTAL);
		this.jobRepository.updateExecutionContext(saved);

		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().getExitDescription())
			.isEqualTo(BatchStatus.COMPLETED);
		assertThat(restarted.getStepExecutions()).extracting(StepExecution::getStepName)
			.containsExactly("factorizeMerge");
		assertThat(output(restarted)).isEqualTo(ExpectedCsv.of(numbers));
	}

	@Test
	void cliReportsAFailedRunWithItsCauseAndRestartsIt() {
		this.factorizer.failOn.set(true);
		CommandResult failed = command("run", "factorize", "numbers=10,1214759,20", "threads=2");

		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);
		long id = failed.executionId();
		assertThat(failed.out()).contains("Execution %d FAILED".formatted(id))
			.contains("injected failure on 1214759")
			.contains("Restart it with: fanout restart " + id)
			.doesNotContain("\tat ");
		assertThat(command("show", Long.toString(id)).out()).containsPattern("factorizeWorker:partition\\d\\s+FAILED")
			.contains("  launched by command line: %s on %s".formatted(System.getProperty("user.name"),
					ProcessIdentity.current().host()));

		this.factorizer.failOn.set(false);
		CommandResult restarted = command("restart", Long.toString(id));
		assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.OK);
		assertThat(restarted.out()).contains("COMPLETED").contains("3 numbers factorized (fast, 2 threads)");
	}

	/**
	 * The launch path parses a launch once: a first launch reads its {@code file=} input once (not in Spring Batch's
	 * validators, not again in the partitioner), and a restart reads it not at all, so it succeeds after the input is
	 * deleted: the saved shares are all it needs.
	 */
	@Test
	void aLaunchReadsItsInputFileOnceAndARestartNeedsItNoMore() throws Exception {
		List<Long> numbers = List.of(2139079L, 1214759L, 1516637L, 360L);
		Path input = this.fanout.dataDir().resolve("factorize/read-once.txt");
		Files.createDirectories(input.getParent());
		Files.writeString(input, numbers.stream().map(String::valueOf).collect(Collectors.joining("\n", "", "\n")));
		this.factorizer.failOn.set(true);

		CommandResult failed;
		try (FileReads reads = FileReads.of(input)) {
			failed = command("run", "factorize", "file=factorize/read-once.txt", "threads=2", "--new");
			assertThat(reads.count()).as("reads of the input by a launch").isEqualTo(1);
		}
		assertThat(failed.exitCode()).as(failed.toString()).isEqualTo(ExitCodes.FAILED);

		Files.delete(input);
		this.factorizer.failOn.set(false);
		CommandResult restarted;
		try (FileReads reads = FileReads.of(input)) {
			restarted = command("restart", Long.toString(failed.executionId()));
			assertThat(reads.count()).as("reads of the input by a restart").isZero();
		}
		assertThat(restarted.exitCode()).as(restarted.toString()).isEqualTo(ExitCodes.OK);
		assertThat(output(this.jobRepository.getJobExecution(restarted.executionId()))).isEqualTo(ExpectedCsv.of(numbers));
	}

	@Test
	void aStopIsSeenInsideANumberThatTakesLongAndTheWorkerStopsWithoutIt() throws Exception {
		// A prime just below the naive limit: ten billion 64-bit divisions, tens of seconds here; stopped, none is done.
		JobParameters parameters = UniqueJobParameters.of("numbers", "9999999967", "threads", "1", "algorithm", "naive");
		FutureTask<JobExecution> run = BackgroundLaunch.start("factorize-long-number", this.jobs, parameters);
		Await.until("the worker factorizing", Duration.ofSeconds(60), () -> {
			JobExecution running = this.jobRepository.getLastJobExecution("factorize", parameters);
			return running != null && partitions(this.jobRepository.getJobExecution(running.getId())).stream()
				.anyMatch((partition) -> partition.getStatus() == BatchStatus.STARTED);
		});

		this.stopper.stop(this.jobRepository.getLastJobExecution("factorize", parameters));
		JobExecution stopped = run.get(60, TimeUnit.SECONDS);

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(partitions(stopped)).singleElement()
			.satisfies((partition) -> assertThat(partition.getStatus()).isEqualTo(BatchStatus.STOPPED))
			.satisfies((partition) -> assertThat(partition.getReadCount()).isZero());
	}

	/**
	 * 897612484786617600 has 103 680 divisors, a line of about 1.1 MB: three of them used to go into one transaction
	 * and one row, and twenty ran the embedded repository's server out of heap.
	 */
	@Test
	void numbersWithVeryManyDivisorsCommitInBoundedTransactionsAndRowsAndARestartWritesEachOnce() throws Exception {
		long manyDivisors = 897612484786617600L;
		List<Long> numbers = List.of(manyDivisors, manyDivisors, 360L, manyDivisors, FAILING_NUMBER);
		JobParameters parameters = UniqueJobParameters.of("numbers",
				numbers.stream().map(String::valueOf).collect(Collectors.joining(",")), "threads", "1");
		this.factorizer.failOn.set(true);

		JobExecution failed = this.jobs.startJob(parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitions(failed)).singleElement()
			.satisfies((worker) -> assertThat(worker.getWriteCount()).as("committed before the failing number")
				.isEqualTo(4))
			.satisfies((worker) -> assertThat(worker.getCommitCount()).as("a transaction per long line")
				.isGreaterThanOrEqualTo(3));
		List<Integer> rowSizes = new JdbcTemplate(this.dataSource).queryForList(
				"select length(CONTENT) from FANOUT_PARTITION_DATA where JOB_INSTANCE_ID = ? and DATASET = ?",
				Integer.class, failed.getJobInstance().getInstanceId(), "factorize.results");
		assertThat(rowSizes).as("each long line cut in two").hasSizeGreaterThanOrEqualTo(6)
			.allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(FactorizeData.ROW_CHARS));

		this.factorizer.failOn.set(false);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(restarted)).singleElement()
			.satisfies((worker) -> assertThat(worker.getWriteCount()).as("only the failing number again").isEqualTo(1));
		assertThat(output(restarted)).isEqualTo(ExpectedCsv.of(numbers));
		assertThat(partitionRows(failed.getJobInstance().getInstanceId())).isZero();
	}

	@Test
	void aFailedInstanceKeepsItsPartitionRowsForItsRestartAndACompletedOneLeavesNoneBehind() throws Exception {
		this.factorizer.failOn.set(true);
		JobParameters parameters = UniqueJobParameters.of("numbers", "10,20," + FAILING_NUMBER, "threads", "2");
		JobExecution failed = this.jobs.startJob(parameters);
		long instance = failed.getJobInstance().getInstanceId();
		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(partitionRows(instance)).as("numbers kept for the restart").isGreaterThanOrEqualTo(3);

		this.factorizer.failOn.set(false);
		JobExecution completed = this.jobs.startJob(parameters);

		assertThat(completed.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitionRows(instance)).isZero();
		assertThat(this.fanout.workDirectory("factorize", instance)).doesNotExist();
	}

	private long partitionRows(long instance) {
		return new JdbcTemplate(this.dataSource).queryForObject(
				"select count(*) from FANOUT_PARTITION_DATA where JOB_INSTANCE_ID = ?", Long.class, instance);
	}

	private CommandResult command(String... args) {
		return CommandResult.of(this.commandLine, args);
	}

	private static List<StepExecution> partitions(JobExecution execution) {
		return execution.getStepExecutions().stream().filter((s) -> s.getStepName().startsWith("factorizeWorker:")).toList();
	}

	private static String output(JobExecution execution) throws Exception {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return Files.readString(Path.of(JobOutputs.of(execution).get(0)));
	}

	/** Fails on {@link #FAILING_NUMBER} while armed: the test hook that makes one partition fail. */
	static class FailingFactorizer extends Factorizer {

		final AtomicBoolean failOn = new AtomicBoolean();

		@Override
		public long[] divisors(long number, Algorithm algorithm, BooleanSupplier stop) {
			if (number == FAILING_NUMBER && this.failOn.get()) {
				throw new IllegalStateException("injected failure on " + number);
			}
			return super.divisors(number, algorithm, stop);
		}

	}

	@TestConfiguration(proxyBeanMethods = false)
	static class FailureInjection {

		@Bean
		@Primary
		FailingFactorizer failingFactorizer() {
			return new FailingFactorizer();
		}

	}

}
