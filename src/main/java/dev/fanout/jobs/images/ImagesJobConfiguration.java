package dev.fanout.jobs.images;

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
import dev.fanout.jobs.images.codec.ImageRejectedException;
import dev.fanout.jobs.images.codec.ImageResizer;
import dev.fanout.jobs.images.codec.ResizeMemory;
import dev.fanout.jobs.images.http.DirectoryGallery;
import dev.fanout.jobs.images.http.Gallery;
import dev.fanout.jobs.images.http.HttpGallery;
import dev.fanout.jobs.images.http.ImageDownloader;
import dev.fanout.jobs.images.http.ImageFetcher;

/**
 * The {@code images} job: one chunk step whose reader downloads, resizes and uploads images on stages of their own,
 * and whose writer records each image's outcome and publishes the report with the last chunk. See the package
 * documentation for the shape.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ImagesProperties.class)
class ImagesJobConfiguration {

	static final String JOB = "images";

	static final String GALLERY = "gallery";

	static final String PIPELINE_STEP = "imagesPipeline";

	@Bean
	Job imagesJob(JobRepository jobRepository, Step imagesPipelineStep, ImagesJobDescription imagesJobDescription,
			FanoutProperties fanout) {
		return new JobBuilder(JOB, jobRepository)
			// Names only: the launch path parsed the values and listed the source (ImagesJobDescription).
			.validator(imagesJobDescription.validator())
			// The default gallery, out/gallery/instance-<id>/, is this instance's own: tidied like its other outputs.
			.listener(new WorkDirectoryCleanup(fanout, GALLERY))
			.listener(new ReadableFailures())
			.start(imagesPipelineStep)
			.build();
	}

	@Bean
	Step imagesPipelineStep(JobRepository jobRepository, PlatformTransactionManager transactionManager,
			PipelineReader imagesReader, ImageOutcomes imagesOutcomes, ReportWriter imagesReportWriter,
			ImagesProperties properties) {
		// The stages run on the reader's threads, ahead of the chunk; the chunk only collects outcomes and commits.
		return new StepBuilder(PIPELINE_STEP, jobRepository).<PendingImage, ImageOutcome>chunk(properties.chunkSize())
			.reader(imagesReader)
			.processor(imagesOutcomes)
			.writer(imagesReportWriter)
			.transactionManager(transactionManager)
			.faultTolerant()
			// ImageRejectedException: a permanent problem, or (onExhausted=skip) a download whose retries ran out.
			.skipPolicy((failure, skips) -> failure instanceof ImageRejectedException)
			.build();
	}

	@Bean
	@StepScope
	PipelineReader imagesReader(@Value("#{stepExecution}") StepExecution stepExecution, ImagesProperties properties,
			FanoutProperties fanout, ResizeMemory imagesResizeMemory, ExecutionParameters executionParameters,
			JobRepository jobRepository) {
		ImagesParameters parameters = executionParameters.of(stepExecution, ImagesParameters.class);
		ImageFetcher fetcher = new ImageFetcher(new ImageDownloader(properties.http()),
				properties.maxImageSize().toBytes(), fanout.dataDir());
		return new PipelineReader(parameters, fanout.dataDir(), workDirectory(stepExecution, fanout), fetcher,
				new ImageResizer(parameters.resize(), properties.maxPixels(), imagesResizeMemory),
				gallery(parameters, instance(stepExecution), properties, fanout), properties.chunkSize(),
				(context) -> jobRepository.updateExecutionContext(stepExecution));
	}

	@Bean
	@StepScope
	ImageOutcomes imagesOutcomes(@Value("#{stepExecution}") StepExecution stepExecution, ImagesProperties properties,
			ExecutionParameters executionParameters) {
		return new ImageOutcomes(executionParameters.of(stepExecution, ImagesParameters.class).onExhausted(),
				properties.onExhausted());
	}

	/** One budget for the whole application: concurrent runs share the heap. */
	@Bean
	ResizeMemory imagesResizeMemory(ImagesProperties properties) {
		return properties.memory();
	}

	@Bean
	@StepScope
	ReportWriter imagesReportWriter(@Value("#{stepExecution}") StepExecution stepExecution, PipelineReader imagesReader,
			FanoutProperties fanout, ExecutionParameters executionParameters) {
		ImagesParameters parameters = executionParameters.of(stepExecution, ImagesParameters.class);
		ImagesReport publication = new ImagesReport(workDirectory(stepExecution, fanout),
				fanout.outputDirectory(JOB).resolve("instance-%d.csv".formatted(instance(stepExecution))),
				imagesReader.galleryLocation(), parameters.targetUrl() == null);
		return new ReportWriter(workDirectory(stepExecution, fanout), imagesReader::size, publication,
				stepExecution.getJobExecution());
	}

	@Bean
	ImagesJobDescription imagesJobDescription(FanoutProperties fanout) {
		return new ImagesJobDescription(fanout.dataDir());
	}

	private static Gallery gallery(ImagesParameters parameters, long instance, ImagesProperties properties,
			FanoutProperties fanout) {
		if (parameters.targetUrl() != null) {
			return new HttpGallery(parameters.targetUrl(), parameters.upload(), properties.http());
		}
		Path directory = (parameters.targetDirectory() != null) ? parameters.targetDirectory()
				: fanout.outputDirectory(GALLERY).resolve("instance-" + instance);
		return new DirectoryGallery(directory, fanout.dataDir());
	}

	private static long instance(StepExecution stepExecution) {
		return stepExecution.getJobExecution().getJobInstance().getInstanceId();
	}

	private static Path workDirectory(StepExecution stepExecution, FanoutProperties fanout) {
		return fanout.workDirectory(JOB, instance(stepExecution));
	}

}
