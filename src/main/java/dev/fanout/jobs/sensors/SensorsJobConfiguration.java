package dev.fanout.jobs.sensors;

import java.time.Duration;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.PartitionHandlers;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.RestartSafeSplitter;
import dev.fanout.batch.StopRequests;
import dev.fanout.batch.WorkDirectoryCleanup;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.sensors.counting.CounterMode;
import dev.fanout.jobs.sensors.counting.LightSensors;
import dev.fanout.jobs.sensors.counting.Reading;
import dev.fanout.jobs.sensors.counting.SharedCounters;

/**
 * The {@code sensors} job: a partitioned step runs one worker per sensor, each a chunk step that takes its readings
 * (blocking reads) and counts them, then a tasklet step reports expected and found.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SensorsProperties.class)
class SensorsJobConfiguration {

	static final String JOB = "sensors";

	static final String MANAGER_STEP = "sensorsManager";

	static final String WORKER_STEP = "sensorsWorker";

	/** How often a sensor's slow reads look in the repository for a stop. */
	private static final Duration STOP_LOOK = Duration.ofMillis(500);

	@Bean
	Job sensorsJob(JobRepository jobRepository, Step sensorsManagerStep, Step sensorsResultStep,
			SensorsJobDescription sensorsJobDescription, FanoutProperties fanout) {
		return new JobBuilder(JOB, jobRepository).validator(sensorsJobDescription.validator())
			.listener(new WorkDirectoryCleanup(fanout))
			.listener(new ReadableFailures())
			.start(sensorsManagerStep)
			.next(sensorsResultStep)
			.build();
	}

	@Bean
	Step sensorsManagerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SensorsPartitioner sensorsPartitioner, PartitionHandler sensorsPartitionHandler,
			SharedCounters sharedCounters, ExecutionParameters parameters) {
		return new StepBuilder(MANAGER_STEP, jobRepository).partitioner(WORKER_STEP, sensorsPartitioner)
			.splitter(new RestartSafeSplitter(jobRepository, transactionManager, WORKER_STEP, sensorsPartitioner))
			.partitionHandler(sensorsPartitionHandler)
			.listener(new CountingManager(sharedCounters, jobRepository, parameters))
			.build();
	}

	/**
	 * A chunk step per sensor, its chunks sized for the run's read latency ({@link SensorsWorkerStep}). Its chunk
	 * transaction is resourceless on purpose: a chunk spends its reads blocking, and a JDBC transaction would hold a
	 * pooled connection through all of them, so no more sensors than connections could read at once. The repository
	 * saves the context and counts in its own transaction at every chunk boundary, which is all a chunk has to commit
	 * (see package-info). Each chunk step goes through the bean factory's initialization as a bean would (metrics).
	 */
	@Bean
	Step sensorsWorkerStep(JobRepository jobRepository, SensorReader sensorReader, CountingWriter countingWriter,
			SensorsProperties properties, ExecutionParameters parameters, AutowireCapableBeanFactory beanFactory) {
		return new SensorsWorkerStep(WORKER_STEP,
				(execution) -> properties.chunkSize(parameters(execution, parameters).readLatency()),
				(size) -> (Step) beanFactory.initializeBean(new StepBuilder(WORKER_STEP, jobRepository)
					.<Reading, Reading>chunk(size)
					.reader(sensorReader)
					.writer(countingWriter)
					.transactionManager(new ResourcelessTransactionManager())
					.build(), "sensorsWorkerStep.chunk" + size));
	}

	@Bean
	Step sensorsResultStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			SensorsResult sensorsResult) {
		return new StepBuilder("sensorsResult", jobRepository).tasklet(sensorsResult, transactionManager).build();
	}

	/**
	 * One platform thread per sensor, so every sensor's blocking reads overlap with the others'; or, with remote
	 * workers, one request per sensor to the {@code fanout worker} processes (counter=partitioned only).
	 */
	@Bean
	@StepScope
	PartitionHandler sensorsPartitionHandler(Step sensorsWorkerStep, PartitionHandlers partitionHandlers,
			@Value("#{stepExecution}") StepExecution stepExecution, ExecutionParameters parameters) {
		return partitionHandlers.handler(sensorsWorkerStep, JOB, parameters(stepExecution, parameters).sensors());
	}

	@Bean
	@StepScope
	SensorsPartitioner sensorsPartitioner(@Value("#{stepExecution}") StepExecution stepExecution,
			ExecutionParameters parameters) {
		return new SensorsPartitioner(parameters(stepExecution, parameters).sensors());
	}

	/** Restartable: resumes after the readings of the last committed chunk. */
	@Bean
	@StepScope
	SensorReader sensorReader(LightSensors lightSensors, @Value("#{stepExecution}") StepExecution stepExecution,
			ExecutionParameters executionParameters, StopRequests stopRequests) {
		SensorsParameters parameters = parameters(stepExecution, executionParameters);
		return new SensorReader(lightSensors, stepExecution.getExecutionContext().getInt(SensorsPartitioner.SENSOR),
				parameters.readings(), parameters.readLatency(), stopRequests.of(stepExecution, STOP_LOOK));
	}

	/** Restartable: resumes its own count from the partition's context; shares the execution's counter, if any. */
	@Bean
	@StepScope
	CountingWriter countingWriter(SharedCounters sharedCounters, @Value("#{stepExecution}") StepExecution stepExecution,
			ExecutionParameters parameters) {
		CounterMode mode = parameters(stepExecution, parameters).counter();
		return new CountingWriter(mode.shared() ? sharedCounters.get(stepExecution.getJobExecutionId(), mode) : null);
	}

	@Bean
	@StepScope
	SensorsResult sensorsResult(@Value("#{stepExecution}") StepExecution stepExecution, JobRepository jobRepository,
			FanoutProperties fanout, ExecutionParameters parameters) {
		long instance = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		return new SensorsResult(parameters(stepExecution, parameters), jobRepository,
				fanout.outputDirectory(JOB).resolve("instance-" + instance + ".csv"));
	}

	private static SensorsParameters parameters(StepExecution stepExecution, ExecutionParameters parameters) {
		return parameters.of(stepExecution, SensorsParameters.class);
	}

	@Bean
	SharedCounters sharedCounters() {
		return new SharedCounters();
	}

	@Bean
	LightSensors lightSensors() {
		return new LightSensors();
	}

	@Bean
	SensorsJobDescription sensorsJobDescription() {
		return new SensorsJobDescription();
	}

}
