package dev.fanout.jobs.life;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.partition.PartitionHandler;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.PartitionData;
import dev.fanout.batch.PartitionHandlers;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.RestartSafeSplitter;
import dev.fanout.batch.WorkDirectoryCleanup;
import dev.fanout.core.FanoutProperties;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The {@code life} job: {@code lifeSeed} writes generation 0; then the partitioned step {@code lifeGenerations}
 * advances every row band concurrently by K generations and fans them in to the next checkpoint, looping through the
 * decider until the last generation; {@code lifeOutputs} writes what people look at.
 */
@Configuration(proxyBeanMethods = false)
class LifeJobConfiguration {

	static final String WORKER = "lifeBand";

	/** The partitioned step that the decider loops through, once per checkpoint. */
	static final String GENERATIONS = "lifeGenerations";

	@Bean
	Job lifeJob(JobRepository jobRepository, Step lifeSeedStep, Step lifeGenerationsStep, Step lifeOutputsStep,
			LifeJobDescription lifeJobDescription, LifeFiles lifeFiles, FanoutProperties fanout,
			PartitionData partitionData, LifeAnimations lifeAnimations) {
		GenerationDecider decider = new GenerationDecider(lifeFiles);
		return new JobBuilder(LifeFiles.JOB, jobRepository)
			// Names only: the launch path parsed the values and read the pattern (LifeJobDescription).
			.validator(lifeJobDescription.validator())
			.listener(new WorkDirectoryCleanup(fanout))
			.listener(partitionData.deletedOnCompletion())
			.listener(new ReadableFailures())
			.listener(lifeAnimations)
			.start(lifeSeedStep)
			.next(decider)
			.on(GenerationDecider.MORE.getName())
			.to(lifeGenerationsStep)
			.from(decider)
			.on(GenerationDecider.DONE.getName())
			.to(lifeOutputsStep)
			.from(lifeGenerationsStep)
			.on("COMPLETED")
			.to(decider)
			.from(lifeGenerationsStep)
			.on("STOPPED")
			.stop()
			.from(lifeGenerationsStep)
			.on("*")
			.fail()
			.end()
			.build();
	}

	@Bean
	Step lifeSeedStep(JobRepository jobRepository, PlatformTransactionManager transactionManager, LifeSeed lifeSeed) {
		return new StepBuilder("lifeSeed", jobRepository).tasklet(lifeSeed, transactionManager).build();
	}

	/**
	 * Runs once per checkpoint in the same execution, and again after a restart even though its previous run
	 * completed: where it starts comes from the latest checkpoint, not from its own history.
	 */
	@Bean
	Step lifeGenerationsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			LifePartitioner lifePartitioner, PartitionHandler lifePartitionHandler, LifeFiles lifeFiles,
			PartitionData partitionData) {
		// An explicit splitter: one whose partitions keep their input across a kill (see RestartSafeSplitter), and
		// without this step's allowStartIfComplete, so that a restart does not recompute the bands that had completed.
		return new StepBuilder(GENERATIONS, jobRepository).partitioner(WORKER, lifePartitioner)
			.splitter(new RestartSafeSplitter(jobRepository, transactionManager, WORKER, lifePartitioner))
			.partitionHandler(lifePartitionHandler)
			.aggregator(new LifeFanIn(lifeFiles, jobRepository, partitionData))
			.allowStartIfComplete(true)
			.build();
	}

	@Bean
	Step lifeBandStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			BandWorker lifeBandWorker) {
		return new StepBuilder(WORKER, jobRepository).tasklet(lifeBandWorker, transactionManager).build();
	}

	@Bean
	Step lifeOutputsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			LifeOutputs lifeOutputs) {
		return new StepBuilder("lifeOutputs", jobRepository).tasklet(lifeOutputs, transactionManager).build();
	}

	@Bean
	@StepScope
	LifeSeed lifeSeed(@Value("#{stepExecution}") StepExecution stepExecution, LifeFiles files,
			LifeAnimations lifeAnimations) {
		return new LifeSeed(files.parameters(stepExecution.getJobExecution()),
				files.checkpoints(stepExecution.getJobExecution()), lifeAnimations);
	}

	/**
	 * One executor per step, sized by the {@code partitions} parameter, or the remote workers when this process's
	 * workers are remote (the bands then travel through the repository, {@link BandRows}).
	 */
	@Bean
	@StepScope
	PartitionHandler lifePartitionHandler(Step lifeBandStep, @Value("#{stepExecution}") StepExecution stepExecution,
			LifeFiles files, PartitionHandlers partitionHandlers) {
		LifeParameters parameters = files.parameters(stepExecution.getJobExecution());
		return partitionHandlers.handler(lifeBandStep, LifeFiles.JOB, parameters.partitions());
	}

	@Bean
	@StepScope
	LifePartitioner lifePartitioner(@Value("#{stepExecution}") StepExecution stepExecution, LifeFiles files,
			JobRepository jobRepository, PartitionHandlers partitionHandlers, PartitionData partitionData) {
		return new LifePartitioner(files.parameters(stepExecution.getJobExecution()),
				files.checkpoints(stepExecution.getJobExecution()), stepExecution, jobRepository,
				partitionHandlers.remote() ? partitionData : null);
	}

	@Bean
	@StepScope
	BandWorker lifeBandWorker(@Value("#{stepExecution}") StepExecution stepExecution, LifeFiles files,
			BandComputer bandComputer, CellUpdates cellUpdates, PartitionData partitionData) {
		return new BandWorker(files.parameters(stepExecution.getJobExecution()),
				files.checkpoints(stepExecution.getJobExecution()), bandComputer, cellUpdates, partitionData);
	}

	@Bean
	@StepScope
	LifeOutputs lifeOutputs(@Value("#{stepExecution}") StepExecution stepExecution, LifeFiles files,
			LifeAnimations lifeAnimations) {
		return new LifeOutputs(files.parameters(stepExecution.getJobExecution()),
				files.checkpoints(stepExecution.getJobExecution()), lifeAnimations);
	}

	@Bean
	LifeAnimations lifeAnimations() {
		return new LifeAnimations();
	}

	@Bean
	BandComputer bandComputer() {
		return new BandComputer();
	}

	@Bean
	CellUpdates lifeCellUpdates(ObjectProvider<MeterRegistry> registry) {
		return new CellUpdates(registry);
	}

	@Bean
	LifeFiles lifeFiles(FanoutProperties fanout, ExecutionParameters executionParameters) {
		return new LifeFiles(fanout, executionParameters);
	}

	@Bean
	LifeJobDescription lifeJobDescription(FanoutProperties fanout) {
		return new LifeJobDescription(Runtime.getRuntime().availableProcessors(), fanout.dataDir());
	}

}
