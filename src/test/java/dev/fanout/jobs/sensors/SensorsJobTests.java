package dev.fanout.jobs.sensors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.test.JobOperatorTestUtils;
import org.springframework.batch.test.context.SpringBatchTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.BackgroundLaunch;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.sensors.counting.CountResult;
import dev.fanout.jobs.sensors.counting.CounterMode;
import dev.fanout.jobs.sensors.counting.SharedCounters;
import dev.fanout.launch.ExecutionStopper;

import static org.assertj.core.api.Assertions.assertThat;

@SpringBootTest
@SpringBatchTest
@Import(FaultySensors.Injection.class)
class SensorsJobTests {

	@DynamicPropertySource
	static void dataDirectory(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("SensorsJobTests").toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job sensorsJob;

	@Autowired
	FanoutProperties fanout;

	@Autowired
	FaultySensors sensors;

	@Autowired
	SharedCounters sharedCounters;

	@Autowired
	ExecutionStopper stopper;

	@Autowired
	JobRepository jobRepository;


	@BeforeEach
	void useSensorsJob() {
		this.jobs.setJob(this.sensorsJob);
		this.sensors.fault.set(null);
	}

	@ParameterizedTest
	@EnumSource(names = "UNSAFE", mode = EnumSource.Mode.EXCLUDE)
	void everyGuardedModeFindsEveryReadingOfManySensors(CounterMode mode) throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("counter", mode.toString(), "sensors", "8", "readings", "20000"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(ExitStatus.COMPLETED.getExitCode());
		assertThat(execution.getExitStatus().getExitDescription())
			.startsWith("counter=%s expected 160000 found 160000 in ".formatted(mode));
		assertThat(result(execution).found()).isEqualTo(160_000);
		assertThat(partitions(execution)).hasSize(8)
			.allSatisfy((p) -> assertThat(p.getExecutionContext().getLong(CountingWriter.COUNTED)).isEqualTo(20_000));
		assertThat(this.sharedCounters.close(execution.getId())).as("counter released").isNull();
	}

	@Test
	void partitionedModeSumsThePartitionsOwnCountsFromTheirStepExecutions() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("sensors", "3", "readings", "2500"));

		StepExecution manager = step(execution, SensorsJobConfiguration.MANAGER_STEP).orElseThrow();
		assertThat(manager.getExecutionContext().getLong(CountingManager.FOUND)).isEqualTo(7_500);
		assertThat(manager.getWriteCount()).as("aggregated by the manager").isEqualTo(7_500);
		assertThat(partitions(execution)).extracting(StepExecution::getStepName)
			.containsExactlyInAnyOrder("sensorsWorker:sensor0", "sensorsWorker:sensor1", "sensorsWorker:sensor2");
		assertThat(partitions(execution)).allSatisfy((p) -> assertThat(p.getCommitCount()).isEqualTo(3));
	}

	@Test
	void writesTheResultFileWithExpectedFoundAndTime() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("counter", "adder", "sensors", "3", "readings", "1000"));

		Path output = Path.of(JobOutputs.of(execution).get(0));
		assertThat(output).isEqualTo(this.fanout.outputDirectory("sensors")
			.resolve("instance-" + execution.getJobInstance().getInstanceId() + ".csv"));
		assertThat(Files.readString(output))
			.matches("counter,sensors,readings,expected,found,lost,seconds\nadder,3,1000,3000,3000,0,[0-9]+\\.[0-9]{3}\n");
		try (var files = Files.list(output.getParent())) {
			assertThat(files.filter((f) -> f.getFileName().toString().endsWith(".tmp"))).as("no temporary files").isEmpty();
		}
	}

	@Test
	void unsafeCounterEndsWithLostUpdatesExactlyWhenItLostSome() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("counter", "unsafe", "sensors", "8", "readings", "20000"));

		CountResult result = result(execution);
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(result.found()).isPositive().isLessThanOrEqualTo(160_000);
		String expectedCode = (result.found() < 160_000) ? SensorsResult.LOST_UPDATES : ExitStatus.COMPLETED.getExitCode();
		assertThat(execution.getExitStatus().getExitCode()).isEqualTo(expectedCode);
		assertThat(step(execution, "sensorsResult").orElseThrow().getExitStatus().getExitCode()).isEqualTo(expectedCode);
		assertThat(execution.getExitStatus().getExitDescription()).contains("expected 160000 found " + result.found());
	}

	@ParameterizedTest
	@EnumSource(names = "UNSAFE", mode = EnumSource.Mode.EXCLUDE)
	void restartAfterAPartitionFailedMidwayCountsEveryReadingExactlyOnce(CounterMode mode) throws Exception {
		JobParameters parameters =
				UniqueJobParameters.of("counter", mode.toString(), "sensors", "4", "readings", "5000");
		this.sensors.fault.set(FaultySensors.Fault.failure(1, 2_500));

		JobExecution failed = this.jobs.startJob(parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("injected failure on sensor 1 reading 2500")
			.doesNotContain("\tat ");
		StepExecution broken = step(failed, "sensorsWorker:sensor1").orElseThrow();
		assertThat(broken.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(broken.getExecutionContext().getLong(CountingWriter.COUNTED)).as("two chunks committed").isEqualTo(2_000);
		assertThat(JobOutputs.of(failed)).isEmpty();
		assertThat(this.sharedCounters.close(failed.getId())).as("counter released").isNull();

		this.sensors.fault.set(null);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getJobInstance().getInstanceId()).isEqualTo(failed.getJobInstance().getInstanceId());
		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(restarted)).as("only the failed partition runs again").hasSize(1);
		assertThat(partitions(restarted).get(0).getReadCount()).isEqualTo(3_000);
		assertThat(result(restarted).found()).isEqualTo(20_000);
		assertThat(result(restarted).expected()).isEqualTo(20_000);
	}

	@Test
	void stopRequestEndsTheRunAtAChunkBoundaryAndTheRestartCountsExactly() throws Exception {
		JobParameters parameters = UniqueJobParameters.of("counter", "locked", "sensors", "3", "readings", "3000");
		FaultySensors.Fault pause = FaultySensors.Fault.pause(0, 1_500);
		this.sensors.fault.set(pause);

		FutureTask<JobExecution> run = BackgroundLaunch.start("stopped-run", this.jobs, parameters);
		stopAtPause(parameters, pause);
		JobExecution stopped = run.get(30, TimeUnit.SECONDS);

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(stopped.getExitStatus().getExitDescription()).isEqualTo(ReadableFailures.STOPPED);
		StepExecution paused = step(stopped, "sensorsWorker:sensor0").orElseThrow();
		assertThat(paused.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(paused.getExecutionContext().getLong(CountingWriter.COUNTED)).as("stopped after its chunk").isEqualTo(2_000);

		this.sensors.fault.set(null);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(result(restarted).found()).isEqualTo(9_000);
	}

	@Test
	void aStopLandsInsideAChunkOfSlowReadsAndTheRestartCountsExactly() throws Exception {
		// 60 reads of 50 ms: chunks of 20 (a second each, the commit interval), which a stop does not wait for.
		JobParameters parameters = UniqueJobParameters.of("counter", "partitioned", "sensors", "2", "readings", "60",
				"readLatency", "50ms");
		FaultySensors.Fault pause = FaultySensors.Fault.pause(0, 10);
		this.sensors.fault.set(pause);

		FutureTask<JobExecution> run = BackgroundLaunch.start("stopped-slow-run", this.jobs, parameters);
		stopAtPause(parameters, pause);
		JobExecution stopped = run.get(30, TimeUnit.SECONDS);

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		StepExecution paused = step(stopped, "sensorsWorker:sensor0").orElseThrow();
		assertThat(paused.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(paused.getExecutionContext().getLong(CountingWriter.COUNTED, 0)).as("stopped inside its first chunk")
			.isZero();

		this.sensors.fault.set(null);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(result(restarted).found()).isEqualTo(120);
	}

	@Test
	void slowReadsCommitAboutEveryCommitIntervalNotEveryThousandReadings() throws Exception {
		// 45 reads of 50 ms: 20 fit in the default commit interval of 1 s, so 3 chunks (20, 20, 5) instead of one.
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("sensors", "2", "readings", "45", "readLatency", "50ms"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(partitions(execution)).hasSize(2).allSatisfy((partition) -> {
			assertThat(partition.getWriteCount()).isEqualTo(45);
			assertThat(partition.getCommitCount()).as(partition.getStepName()).isEqualTo(3);
		});
		assertThat(result(execution).found()).isEqualTo(90);
	}

	@Test
	void sensorsBlockingReadsOverlapInTime() throws Exception {
		JobExecution execution = this.jobs.startJob(
				UniqueJobParameters.of("sensors", "5", "readings", "3", "readLatency", "100ms"));

		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		List<StepExecution> partitions = partitions(execution);
		assertThat(partitions).hasSize(5);
		for (StepExecution a : partitions) {
			for (StepExecution b : partitions) {
				assertThat(a.getStartTime()).as("%s starts before %s ends", a.getStepName(), b.getStepName())
					.isBefore(b.getEndTime());
			}
		}
	}

	/** Once a sensor has reached its pause: asks the run to stop, then lets the sensor go on. */
	private void stopAtPause(JobParameters parameters, FaultySensors.Fault pause) throws Exception {
		assertThat(pause.reached().await(30, TimeUnit.SECONDS)).as("the sensor reached its pause").isTrue();
		this.stopper.stop(this.jobRepository.getLastJobExecution("sensors", parameters));
		pause.release().countDown();
	}

	private static List<StepExecution> partitions(JobExecution execution) {
		return execution.getStepExecutions().stream().filter((s) -> s.getStepName().startsWith("sensorsWorker:")).toList();
	}

	/** Not a method returning a StepExecution, which @SpringBatchTest would take for a step execution factory. */
	private static Optional<StepExecution> step(JobExecution execution, String name) {
		return execution.getStepExecutions().stream().filter((s) -> s.getStepName().equals(name)).findFirst();
	}

	private static CountResult result(JobExecution execution) throws Exception {
		assertThat(execution.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		return CountResult.parse(Files.readAllLines(Path.of(JobOutputs.of(execution).get(0))).get(1));
	}


}
