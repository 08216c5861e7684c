package dev.fanout.jobs.images;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterEach;
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
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.fanout.Await;
import dev.fanout.BackgroundLaunch;
import dev.fanout.TestDataDirectories;
import dev.fanout.UniqueJobParameters;
import dev.fanout.batch.JobOutputs;
import dev.fanout.core.FanoutProperties;
import dev.fanout.jobs.images.codec.ImageFormat;
import dev.fanout.jobs.images.codec.ResizeMemory;
import dev.fanout.jobs.images.codec.TestImages;
import dev.fanout.jobs.images.http.ImageServer;
import dev.fanout.jobs.images.samples.SampleImages;
import dev.fanout.launch.ExecutionStopper;

import static org.assertj.core.api.Assertions.assertThat;

/** The images job end to end: real files, a real local HTTP server for downloads and uploads, real resizing. */
@SpringBootTest
@SpringBatchTest
class ImagesJobTests {

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		registry.add("fanout.data-dir", () -> TestDataDirectories.fresh("ImagesJobTests").toString());
		registry.add("fanout.images.chunk-size", () -> "4");
		registry.add("fanout.images.backoff", () -> "10ms");
		registry.add("fanout.images.read-timeout", () -> "2s");
		// Small and explicit instead of a small heap (64 MiB): every sample fits it, a huge source only subsampled.
		registry.add("fanout.images.resize-memory", () -> "64MB");
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job imagesJob;

	@Autowired
	FanoutProperties fanout;

	@Autowired
	ExecutionStopper stopper;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	ResizeMemory resizeMemory;

	ImageServer server;

	@BeforeEach
	void startServer() {
		this.jobs.setJob(this.imagesJob);
		this.server = ImageServer.start(Duration.ZERO, Duration.ZERO);
	}

	@AfterEach
	void stopServer() {
		this.server.close();
	}

	@Test
	void resizesTheSampleDirectoryIntoTheGalleryAndSkipsWhatIsNotAnImage() throws Exception {
		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of());

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		List<Path> samples = files(this.fanout.dataDir().resolve("images/in"));
		Path gallery = Path.of(JobOutputs.of(execution).get(0));
		List<Path> images = files(gallery);
		StepExecution pipeline = Steps.pipeline(execution);
		assertThat(images).hasSize(samples.size() - 1);
		assertThat(pipeline.getProcessSkipCount()).isEqualTo(1);
		assertThat(pipeline.getWriteCount()).isEqualTo(samples.size() - 1);
		for (Path image : images) {
			BufferedImage decoded = ImageIO.read(image.toFile());
			assertThat(decoded.getWidth()).as(image.toString()).isLessThanOrEqualTo(320);
			assertThat(decoded.getHeight()).as(image.toString()).isLessThanOrEqualTo(240);
			assertThat(image.getFileName().toString()).matches("[0-9a-f]{16}-%dx%d\\.(jpg|png)"
				.formatted(decoded.getWidth(), decoded.getHeight()));
		}
		List<String> report = Files.readAllLines(Path.of(JobOutputs.of(execution).get(1)));
		assertThat(report).hasSize(samples.size() + 1).first().isEqualTo(ReportWriter.HEADER);
		assertThat(report).filteredOn((line) -> line.contains(",SKIPPED,"))
			.singleElement()
			.asString()
			.contains("notes.txt")
			.contains("not a JPEG or PNG image");
		// notes.txt is not counted as an image: it is a file beside them that is not one.
		assertThat(JobOutputs.summary(execution)).startsWith("%d images: %d uploaded, 0 already in the gallery, 0 skipped; "
			.formatted(samples.size() - 1, samples.size() - 1) + "1 other file skipped (not an image); gallery: ");
	}

	@Test
	void resizesHugeImagesWithinTheMemoryBudgetAndSkipsOneThatCannotFitNamingTheSetting() throws Exception {
		// Just under max-pixels, 7000×7000 RGBA decodes to 196 MB each, more than the whole budget.
		Path source = Files.createDirectories(this.fanout.dataDir().resolve("images/huge"));
		for (int i = 0; i < 2; i++) {
			Files.write(source.resolve("huge-%d.png".formatted(i)), TestImages.flatPng(7000, 7000, 0x102030ff + (i << 24)));
		}
		// Not much larger than its output, so decoded whole: about 69 MiB, more than the 64 MiB budget.
		Files.write(source.resolve("wide.png"), TestImages.flatPng(3000, 3000, 0xffffffff));

		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", "images/huge", "resizeThreads", "4"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(files(Path.of(JobOutputs.of(execution).get(0)))).hasSize(2)
			.allSatisfy((image) -> assertThat(image.getFileName().toString()).endsWith("-240x240.png"));
		assertThat(Files.readString(Path.of(JobOutputs.of(execution).get(1)))).contains(
				"wide.png,SKIPPED,,,,\"image too large to resize in memory: its 3000×3000 pixels need about 68.7 MiB "
						+ "decoded, more than fanout.images.resize-memory=64 MiB\"");
		assertThat(this.resizeMemory.peak()).isPositive().isLessThanOrEqualTo(64L << 20);
	}

	@Test
	void downloadsFromUrlsUploadsWithPutAndRecordsWhyImagesWereSkipped() throws Exception {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < 6; i++) {
			urls.add(serve("/photos/%d.jpg".formatted(i), SampleImages.jpeg(640 + 40 * i, 480, i)));
		}
		urls.add(this.server.uri("/photos/missing.jpg").toString());
		byte[] whole = SampleImages.jpeg(800, 600, 99);
		urls.add(serve("/photos/truncated.jpg", java.util.Arrays.copyOf(whole, whole.length / 2)));
		urls.add(serve("/photos/flaky.jpg", SampleImages.jpeg(400, 800, 7)));
		this.server.failTimes("/photos/flaky.jpg", 2, 500);

		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", urlList("put.txt", urls),
				"target", this.server.galleryUri().toString(), "maxWidth", "200", "maxHeight", "200"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(Steps.pipeline(execution).getProcessSkipCount()).isEqualTo(2);
		assertThat(this.server.uploadCounts()).hasSize(7).allSatisfy((name, count) -> assertThat(count).isOne());
		assertThat(this.server.requests("/photos/flaky.jpg")).isEqualTo(3);
		for (String name : this.server.uploadCounts().keySet()) {
			BufferedImage uploaded = ImageIO.read(new ByteArrayInputStream(this.server.uploaded(name).orElseThrow()));
			assertThat(Math.max(uploaded.getWidth(), uploaded.getHeight())).as(name).isEqualTo(200);
		}
		String report = Files.readString(Path.of(JobOutputs.of(execution).get(0)));
		assertThat(report).contains("missing.jpg,SKIPPED,,,,HTTP 404").containsPattern("truncated.jpg,SKIPPED,,,,.*(corrupt|truncated)");
	}

	@Test
	void skipsAnImageWhoseRetriesRanOutWithOnExhaustedSkipAndReportsWhy() throws Exception {
		List<String> urls = List.of(serve("/exhausted/a.png", SampleImages.png(200, 100, 1)),
				serve("/exhausted/dead.png", SampleImages.png(200, 100, 2)));
		this.server.failTimes("/exhausted/dead.png", 1000, 503);

		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", urlList("exhausted.txt", urls),
				"target", this.server.galleryUri().toString(), "onExhausted", "skip"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.server.requests("/exhausted/dead.png")).isEqualTo(3);
		assertThat(this.server.uploadCounts()).hasSize(1);
		String report = Files.readString(Path.of(JobOutputs.of(execution).get(0)));
		assertThat(report).contains(
				"/exhausted/dead.png,SKIPPED,,,,gave up: HTTP 503 Service Unavailable after 3 attempts (onExhausted=skip)");
		assertThat(JobOutputs.summary(execution)).startsWith("2 images: 1 uploaded, 0 already in the gallery, 1 skipped");
	}

	@Test
	void aFailureAfterTheRetriesSaysHowToGoOnTruthfullyForTheInstance() throws Exception {
		List<String> urls = List.of(serve("/advice/dead.png", SampleImages.png(200, 100, 3)));
		this.server.failTimes("/advice/dead.png", 1000, 503);

		JobExecution withoutParameter = this.jobs.startJob(UniqueJobParameters.of("source",
				urlList("advice.txt", urls), "target", this.server.galleryUri().toString()));
		JobExecution withFail = this.jobs.startJob(UniqueJobParameters.of("source", urlList("advice.txt", urls),
				"target", this.server.galleryUri().toString(), "onExhausted", "fail"));

		assertThat(withoutParameter.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(withoutParameter.getExitStatus().getExitDescription()).contains(
				"/advice/dead.png: HTTP 503 Service Unavailable after 3 attempts; a plain restart retries the same URL",
				"--fanout.images.on-exhausted=skip", "--new");
		assertThat(withFail.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(withFail.getExitStatus().getExitDescription())
			.contains("launched with onExhausted=fail, which its restarts keep", "run it again with onExhausted=skip")
			.doesNotContain("--fanout.images.on-exhausted");
	}

	@Test
	void uploadsWithMultipartPost() throws Exception {
		List<String> urls = List.of(serve("/post/a.png", SampleImages.png(500, 300, 1)),
				serve("/post/b.jpg", SampleImages.jpeg(300, 500, 2)));

		JobExecution execution = this.jobs.startJob(UniqueJobParameters.of("source", urlList("post.txt", urls),
				"target", this.server.galleryUri().toString(), "upload", "post"));

		assertThat(execution.getStatus()).as(execution.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.server.uploadCounts().keySet()).satisfiesExactlyInAnyOrder(
				(name) -> assertThat(name).endsWith("-320x192.png"), (name) -> assertThat(name).endsWith("-144x240.jpg"));
	}

	@Test
	void failsWhenRetriesRunOutAndTheRestartUploadsEveryImageExactlyOnce() throws Exception {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			urls.add(serve("/restart/%d.png".formatted(i), SampleImages.png(100, 100 + i, i)));
		}
		// The last chunk (items 8 and 9) fails after its first item may have been uploaded.
		this.server.failTimes("/restart/9.png", 3, 503);
		JobParameters parameters = UniqueJobParameters.of("source", urlList("restart.txt", urls), "target",
				this.server.galleryUri().toString());

		JobExecution failed = this.jobs.startJob(parameters);

		assertThat(failed.getStatus()).isEqualTo(BatchStatus.FAILED);
		assertThat(failed.getExitStatus().getExitDescription()).contains("/restart/9.png", "503", "3 attempts");
		assertThat(Steps.pipeline(failed).getWriteCount()).isEqualTo(8);
		assertThat(this.fanout.outputDirectory("images")
			.resolve("instance-%d.csv".formatted(failed.getJobInstance().getInstanceId())))
			.as("no report published before its last chunk commits").doesNotExist();
		Set<String> uploadedBefore = Set.copyOf(this.server.uploadCounts().keySet());
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.server.uploadCounts()).hasSize(10).allSatisfy((name, count) -> assertThat(count).isOne());
		List<String[]> report = Files.readAllLines(Path.of(JobOutputs.of(restarted).get(0)))
			.stream()
			.skip(1)
			.map((line) -> line.split(","))
			.toList();
		assertThat(report).extracting((fields) -> fields[0])
			.containsExactly("0", "1", "2", "3", "4", "5", "6", "7", "8", "9");
		// Only the failed chunk's images are looked up, and those its attempt had uploaded are not sent again.
		Set<String> committedBefore = report.stream().limit(8).map((fields) -> fields[3]).collect(Collectors.toSet());
		assertThat(report).filteredOn((fields) -> fields[2].equals("PRESENT"))
			.extracting((fields) -> fields[3])
			.containsExactlyInAnyOrderElementsOf(uploadedBefore.stream().filter((name) -> !committedBefore.contains(name)).toList());
	}

	@Test
	void aStopInTheRunningProcessEndsAtAChunkBoundaryAndTheRestartUploadsTheRestOnce() throws Exception {
		List<String> urls = new ArrayList<>();
		for (int i = 0; i < 12; i++) {
			urls.add(serve("/stop/%d.png".formatted(i), SampleImages.png(90, 100 + i, i)));
		}
		// Slow enough that the run is still in its chunk when the stop arrives (the read timeout here is 2 s).
		this.server.stall("/stop/5.png", Duration.ofSeconds(1));
		JobParameters parameters = UniqueJobParameters.of("source", urlList("stop.txt", urls), "target",
				this.server.galleryUri().toString());
		FutureTask<JobExecution> run = BackgroundLaunch.start("stopped-images", this.jobs, parameters);
		Await.until("the stalled image requested", Duration.ofSeconds(30), () -> this.server.requests("/stop/5.png") > 0);

		// What a signal, serve's Stop button and the scheduler do, in the process that runs the job.
		this.stopper.stop(this.jobRepository.getLastJobExecution("images", parameters));
		JobExecution stopped = run.get(60, TimeUnit.SECONDS);

		assertThat(stopped.getStatus()).as(stopped.getExitStatus().toString()).isEqualTo(BatchStatus.STOPPED);
		assertThat(Steps.pipeline(stopped).getWriteCount()).as("stopped at a chunk boundary").isBetween(4L, 8L);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.server.uploadCounts()).hasSize(12).allSatisfy((name, count) -> assertThat(count).isOne());
		assertThat(Files.readAllLines(Path.of(JobOutputs.of(restarted).get(0)))).as("the report").hasSize(13);
	}

	private String serve(String path, byte[] image) {
		this.server.serve(path, image, ImageFormat.sniff(image).map(ImageFormat::mediaType).orElse("image/jpeg"));
		return this.server.uri(path).toString();
	}

	private String urlList(String name, List<String> urls) throws Exception {
		Path list = this.fanout.dataDir().resolve("images/lists").resolve(name);
		Files.createDirectories(list.getParent());
		Files.writeString(list, "# test images\n" + String.join("\n", urls) + "\n", StandardCharsets.UTF_8);
		return "images/lists/" + name;
	}


	/** Not a method of the test class: @SpringBatchTest would take a method returning a StepExecution as a factory. */
	private static final class Steps {

		static StepExecution pipeline(JobExecution execution) {
			return execution.getStepExecutions()
				.stream()
				.filter((step) -> step.getStepName().equals("imagesPipeline"))
				.findFirst()
				.orElseThrow();
		}

	}

	private static List<Path> files(Path directory) throws Exception {
		try (Stream<Path> listing = Files.list(directory)) {
			return listing.filter(Files::isRegularFile).sorted().toList();
		}
	}

}
