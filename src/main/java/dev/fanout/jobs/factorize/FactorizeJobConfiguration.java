package dev.fanout.jobs.factorize;

import java.time.Duration;

import org.jspecify.annotations.Nullable;
import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionHandlers;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.RestartSafeSplitter;
import dev.fanout.batch.StopRequests;
import dev.fanout.batch.WorkDirectoryCleanup;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.factorize.numbers.Factorizer;

/**
 * The {@code factorize} job: a partitioned step fans the numbers out over {@code threads} workers, each a tasklet step
 * that factorizes its share (rows of the repository, {@link FactorizeData}), in this JVM or on remote workers; then
 * a tasklet step fans the results in to one CSV.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FactorizeProperties.class)
class FactorizeJobConfiguration {

	static final String JOB = "factorize";

	static final String MANAGER_STEP = "factorizeManager";

	static final String WORKER_STEP = "factorizeWorker";

	/** How often a worker inside a long number reads the repository for a stop. */
	private static final Duration STOP_LOOK = Duration.ofMillis(500);

	@Bean
	Job factorizeJob(JobRepository jobRepository, Step factorizeManagerStep, Step factorizeMergeStep,
			FactorizeJobDescription factorizeJobDescription, FanoutProperties fanout, PartitionData partitionData) {
		return new JobBuilder(JOB, jobRepository)
			// Names only: the launch path parsed the values and read the numbers (FactorizeJobDescription).
			.validator(factorizeJobDescription.validator())
			.listener(new WorkDirectoryCleanup(fanout))
			.listener(partitionData.deletedOnCompletion())
			.listener(new ReadableFailures())
			.start(factorizeManagerStep)
			.next(factorizeMergeStep)
			.build();
	}

	@Bean
	Step factorizeManagerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FactorizePartitioner factorizePartitioner, PartitionHandler factorizePartitionHandler) {
		return new StepBuilder(MANAGER_STEP, jobRepository)
			.partitioner(WORKER_STEP, factorizePartitioner)
			.splitter(new RestartSafeSplitter(jobRepository, transactionManager, WORKER_STEP, factorizePartitioner))
			.partitionHandler(factorizePartitionHandler)
			.build();
	}

	/** A partition: its share, factorized a transaction at a time ({@link FactorizeShare}). */
	@Bean
	Step factorizeWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FactorizeShare factorizeShare) {
		return new StepBuilder(WORKER_STEP, jobRepository).tasklet(factorizeShare, transactionManager).build();
	}

	@Bean
	Step factorizeMergeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FactorizationMerge factorizationMerge) {
		return new StepBuilder("factorizeMerge", jobRepository).tasklet(factorizationMerge, transactionManager).build();
	}

	/**
	 * Up to {@code threads} partitions at once on an executor of this run, or on {@code fanout worker} processes when
	 * this process's workers are remote: a partition needs only the database ({@link FactorizeData}).
	 */
	@Bean
	@StepScope
	PartitionHandler factorizePartitionHandler(Step factorizeWorkerStep,
			@Value("#{stepExecution}") StepExecution stepExecution, ExecutionParameters parameters,
			PartitionHandlers partitionHandlers) {
		return partitionHandlers.handler(factorizeWorkerStep, JOB,
				parameters.of(stepExecution, FactorizeParameters.class).threads());
	}

	@Bean
	@StepScope
	FactorizePartitioner factorizePartitioner(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout, PartitionData partitionData, JobRepository jobRepository,
			ExecutionParameters parameters) {
		return new FactorizePartitioner(parameters.of(stepExecution, FactorizeParameters.class), fanout.dataDir(),
				partitionData, stepExecution, jobRepository);
	}

	@Bean
	@StepScope
	FactorizeShare factorizeShare(@Value("#{stepExecution}") StepExecution stepExecution, PartitionData partitionData,
			Factorizer factorizer, ExecutionParameters parameters, FactorizeProperties properties,
			StopRequests stopRequests) {
		return new FactorizeShare(partitionData, instance(stepExecution), partition(stepExecution), factorizer,
				parameters.of(stepExecution, FactorizeParameters.class).algorithm(), properties.chunkSize(),
				properties.commitInterval(), stopRequests.of(stepExecution, STOP_LOOK));
	}

	/**
	 * The fan-in, with the plan read from the manager step's own context, where the partitioner saved it before any
	 * partition ran. Not promoted to the job's context: Spring Batch saves that only after it has recorded the manager
	 * step COMPLETED, and a process killed in between would leave a restart, which never runs a completed step again,
	 * without the plan.
	 */
	@Bean
	@StepScope
	FactorizationMerge factorizationMerge(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout, PartitionData partitionData, ExecutionParameters executionParameters,
			JobRepository jobRepository) {
		long instance = instance(stepExecution);
		FactorizeParameters parameters = executionParameters.of(stepExecution, FactorizeParameters.class);
		StepExecution manager = managerStep(stepExecution, jobRepository);
		if (manager == null || !manager.getExecutionContext().containsKey(FactorizePartitioner.SHARES)) {
			throw new IllegalStateException("factorize instance %d has no saved plan: its %s step never made one"
				.formatted(instance, MANAGER_STEP));
		}
		ExecutionContext plan = manager.getExecutionContext();
		return new FactorizationMerge(partitionData, FactorizeData.results(instance),
				plan.getInt(FactorizePartitioner.SHARES), plan.getLong(FactorizePartitioner.TOTAL),
				fanout.outputDirectory(JOB).resolve("instance-" + instance + ".csv"),
				"%s, %d thread%s".formatted(parameters.algorithm(), parameters.threads(),
						(parameters.threads() == 1) ? "" : "s"));
	}

	/** This execution's manager step as it ran, else (a restart after it completed) the repository's last one. */
	private static @Nullable StepExecution managerStep(StepExecution mergeStep, JobRepository jobRepository) {
		for (StepExecution step : mergeStep.getJobExecution().getStepExecutions()) {
			if (step.getStepName().equals(MANAGER_STEP)) {
				return step;
			}
		}
		return jobRepository.getLastStepExecution(mergeStep.getJobExecution().getJobInstance(), MANAGER_STEP);
	}

	private static long instance(StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	private static int partition(StepExecution workerStep) {
		return workerStep.getExecutionContext().getInt(FactorizePartitioner.PARTITION);
	}

	@Bean
	Factorizer factorizer() {
		return new Factorizer();
	}

	@Bean
	FactorizeJobDescription factorizeJobDescription(FanoutProperties fanout) {
		return new FactorizeJobDescription(Runtime.getRuntime().availableProcessors(), fanout.dataDir());
	}

}
