package dev.fanout.jobs.openssl;

import java.nio.file.Path;

import org.springframework.batch.core.configuration.annotation.StepScope;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

import dev.fanout.batch.ExecutionParameters;
import dev.fanout.batch.ReadableFailures;
import dev.fanout.batch.WorkDirectoryCleanup;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.openssl.chain.EncryptHashChain;

/**
 * The {@code openssl} job: one tasklet step that runs encrypt → hash process chains concurrently, with timeouts.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(OpensslProperties.class)
class OpensslJobConfiguration {

	static final String JOB = "openssl";

	@Bean
	Job opensslJob(JobRepository jobRepository, Step opensslChainsStep, OpensslJobDescription opensslJobDescription,
			FanoutProperties fanout) {
		return new JobBuilder(JOB, jobRepository)
			// Names only: the launch path parsed the values and made the checks (OpensslJobDescription).
			.validator(opensslJobDescription.validator())
			.listener(new WorkDirectoryCleanup(fanout))
			.listener(new ReadableFailures())
			.start(opensslChainsStep)
			.build();
	}

	@Bean
	Step opensslChainsStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			ChainsTasklet opensslChainsTasklet) {
		return new StepBuilder("opensslChains", jobRepository).tasklet(opensslChainsTasklet, transactionManager)
			.listener(opensslChainsTasklet)
			.build();
	}

	@Bean
	@StepScope
	ChainsTasklet opensslChainsTasklet(@Value("#{stepExecution}") StepExecution stepExecution,
			OpensslProperties properties, OpensslPassword opensslPassword, FanoutProperties fanout,
			ExecutionParameters executionParameters) {
		OpensslParameters parameters = executionParameters.of(stepExecution, OpensslParameters.class);
		EncryptHashChain chain = new EncryptHashChain(parameters.tool(properties.binary()), opensslPassword.resolve());
		long instance = stepExecution.getJobExecution().getJobInstance().getInstanceId();
		Path output = fanout.outputDirectory(JOB).resolve("instance-" + instance);
		return new ChainsTasklet(parameters, chain, fanout.dataDir(), fanout.workDirectory(JOB, instance), output,
				properties.commitInterval());
	}

	@Bean
	OpensslJobDescription opensslJobDescription(OpensslProperties properties, OpensslPassword opensslPassword,
			FanoutProperties fanout) {
		return new OpensslJobDescription(Runtime.getRuntime().availableProcessors(), properties, opensslPassword,
				fanout.dataDir());
	}

	@Bean
	OpensslPassword opensslPassword(OpensslProperties properties) {
		return new OpensslPassword(properties, System.getenv());
	}

}
