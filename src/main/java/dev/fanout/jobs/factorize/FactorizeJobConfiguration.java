package dev.fanout.jobs.factorize;

import java.nio.file.Path;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.listener.ExecutionContextPromotionListener;
import org.springframework.batch.core.partition.support.TaskExecutorPartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.file.FlatFileItemReader;
import org.springframework.batch.infrastructure.item.file.FlatFileItemWriter;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemReaderBuilder;
import org.springframework.batch.infrastructure.item.file.builder.FlatFileItemWriterBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.FileSystemResource;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.RestartSafeSplitter;
import dev.fanout.batch.WorkDirectoryCleanup;
import dev.fanout.batch.WorkerExecutors;
import dev.fanout.core.FanoutProperties;

/**
 * The {@code factorize} job: a partitioned step fans the numbers out over {@code threads} workers, each a chunk step
 * that factorizes its share into a share file, then a tasklet step fans the results in to one CSV.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(FactorizeProperties.class)
class FactorizeJobConfiguration {

	static final String JOB = "factorize";

	static final String MANAGER_STEP = "factorizeManager";

	static final String WORKER_STEP = "factorizeWorker";

	@Bean
	Job factorizeJob(JobRepository jobRepository, Step factorizeManagerStep, Step factorizeMergeStep,
			FactorizeJobDescription factorizeJobDescription, FanoutProperties fanout) {
		return new JobBuilder(JOB, jobRepository)
			// Rejected before launch: bad parameters, and every malformed number with its line.
			.validator(factorizeJobDescription
				.validator((parameters) -> FactorizeParameters.from(parameters, fanout.dataDir()).readNumbers(fanout.dataDir())))
			.listener(new WorkDirectoryCleanup(fanout))
			.listener(new ReadableFailures())
			.start(factorizeManagerStep)
			.next(factorizeMergeStep)
			.build();
	}

	@Bean
	Step factorizeManagerStep(JobRepository jobRepository, FactorizePartitioner factorizePartitioner,
			TaskExecutorPartitionHandler factorizePartitionHandler) {
		ExecutionContextPromotionListener promotePlan = new ExecutionContextPromotionListener();
		promotePlan.setKeys(new String[] { FactorizePartitioner.SHARES, FactorizePartitioner.TOTAL });
		return new StepBuilder(MANAGER_STEP, jobRepository)
			.partitioner(WORKER_STEP, factorizePartitioner)
			.splitter(new RestartSafeSplitter(jobRepository, WORKER_STEP, factorizePartitioner))
			.partitionHandler(factorizePartitionHandler)
			.listener(promotePlan)
			.build();
	}

	@Bean
	Step factorizeWorkerStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FlatFileItemReader<NumberAt> factorizeShareReader, FactorizeProcessor factorizeProcessor,
			FlatFileItemWriter<Factorization> factorizeShareWriter, FactorizeProperties properties) {
		return new StepBuilder(WORKER_STEP, jobRepository).<NumberAt, Factorization>chunk(properties.chunkSize())
			.reader(factorizeShareReader)
			.processor(factorizeProcessor)
			.writer(factorizeShareWriter)
			.transactionManager(transactionManager)
			.build();
	}

	@Bean
	Step factorizeMergeStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			FactorizationMerge factorizationMerge) {
		return new StepBuilder("factorizeMerge", jobRepository).tasklet(factorizationMerge, transactionManager).build();
	}

	/** One executor per run, sized by the {@code threads} parameter; the workers run concurrently on it. */
	@Bean
	@StepScope
	TaskExecutorPartitionHandler factorizePartitionHandler(Step factorizeWorkerStep,
			@Value("#{stepExecution}") StepExecution stepExecution, FanoutProperties fanout) {
		return WorkerExecutors.partitionHandler(factorizeWorkerStep, JOB, parameters(stepExecution, fanout).threads());
	}

	@Bean
	@StepScope
	FactorizePartitioner factorizePartitioner(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout, JobRepository jobRepository) {
		return new FactorizePartitioner(parameters(stepExecution, fanout), fanout.dataDir(),
				workDirectory(stepExecution, fanout), stepExecution, jobRepository);
	}

	/** Restartable: on restart it skips the items of the chunks already committed. */
	@Bean
	@StepScope
	FlatFileItemReader<NumberAt> factorizeShareReader(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout) {
		Path input = ShareFiles.input(workDirectory(stepExecution, fanout), partition(stepExecution));
		return new FlatFileItemReaderBuilder<NumberAt>().name("share")
			.resource(new FileSystemResource(input))
			.lineMapper((line, lineNumber) -> ShareFiles.parseInput(line))
			.build();
	}

	@Bean
	@StepScope
	FactorizeProcessor factorizeProcessor(Factorizer factorizer, @Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout) {
		return new FactorizeProcessor(factorizer, parameters(stepExecution, fanout).algorithm());
	}

	/** Restartable: on restart it truncates the share file to the last committed chunk. */
	@Bean
	@StepScope
	FlatFileItemWriter<Factorization> factorizeShareWriter(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout) {
		Path result = ShareFiles.result(workDirectory(stepExecution, fanout), partition(stepExecution));
		return new FlatFileItemWriterBuilder<Factorization>().name("result")
			.resource(new FileSystemResource(result))
			.lineAggregator(ShareFiles::resultLine)
			.build();
	}

	@Bean
	@StepScope
	FactorizationMerge factorizationMerge(@Value("#{stepExecution}") StepExecution stepExecution,
			FanoutProperties fanout) {
		var job = stepExecution.getJobExecution();
		long instance = job.getJobInstance().getInstanceId();
		FactorizeParameters parameters = parameters(stepExecution, fanout);
		return new FactorizationMerge(fanout.workDirectory(JOB, instance),
				job.getExecutionContext().getInt(FactorizePartitioner.SHARES),
				job.getExecutionContext().getLong(FactorizePartitioner.TOTAL),
				fanout.outputDirectory(JOB).resolve("instance-" + instance + ".csv"),
				"%s, %d thread%s".formatted(parameters.algorithm(), parameters.threads(),
						(parameters.threads() == 1) ? "" : "s"));
	}

	private static FactorizeParameters parameters(StepExecution stepExecution, FanoutProperties fanout) {
		return FactorizeParameters.from(stepExecution.getJobParameters(), fanout.dataDir());
	}

	private static Path workDirectory(StepExecution stepExecution, FanoutProperties fanout) {
		return fanout.workDirectory(JOB, stepExecution.getJobExecution().getJobInstance().getInstanceId());
	}

	private static int partition(StepExecution workerStep) {
		return workerStep.getExecutionContext().getInt(FactorizePartitioner.PARTITION);
	}

	@Bean
	Factorizer factorizer() {
		return new Factorizer();
	}

	@Bean
	FactorizeJobDescription factorizeJobDescription() {
		return new FactorizeJobDescription(Runtime.getRuntime().availableProcessors());
	}

}
