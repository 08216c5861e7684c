package dev.fanout.jobs.chapter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.ExitStatus;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.launch.JobOperator;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.infrastructure.item.ExecutionContext;
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
import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchOrigin;
import dev.fanout.batch.ParameterValues;
import dev.fanout.batch.JobOutputs;
import dev.fanout.launch.ExecutionStopper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** The chapter job runs every item's job on the sample data, each as an execution of its own. */
@SpringBootTest
@SpringBatchTest
class ChapterJobTests {

	static final List<String> ITEMS = List.of("openssl", "factorize", "sensors", "images", "life");

	@DynamicPropertySource
	static void settings(DynamicPropertyRegistry registry) {
		Path data = TestDataDirectories.fresh("ChapterJobTests");
		registry.add("fanout.data-dir", data::toString);
		registry.add("fanout.openssl.password-file", () -> passwordFile(data).toString());
	}

	@Autowired
	JobOperatorTestUtils jobs;

	@Autowired
	Job chapterJob;

	@Autowired
	JobRepository jobRepository;

	@Autowired
	JobOperator jobOperator;

	@Autowired
	Job factorizeJob;

	@Autowired
	List<JobDescription<?>> descriptions;

	@Autowired
	ExecutionStopper stopper;

	ChapterItems chapterItems;

	@BeforeEach
	void useChapterJob() {
		this.jobs.setJob(this.chapterJob);
		this.chapterItems = new ChapterItems(List.of(), this.descriptions);
	}

	@Test
	void runsEveryItemOfTheChapterAsAJobOfItsOwnSideBySide() throws Exception {
		JobExecution chapter = this.jobs.startJob(UniqueJobParameters.of());

		assertThat(chapter.getStatus()).as(chapter.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		long instance = chapter.getJobInstance().getInstanceId();
		List<String> summary = JobOutputs.summary(chapter).lines().toList();
		assertThat(summary).hasSize(ITEMS.size());
		for (int i = 0; i < ITEMS.size(); i++) {
			assertThat(summary.get(i)).startsWith(ITEMS.get(i) + " (execution ");
			String item = ITEMS.get(i);
			assertThat(this.jobRepository.getJobInstances(item, 0, 10))
				.anySatisfy((child) -> {
					JobParameters parameters = this.jobRepository.getLastJobExecution(child).getJobParameters();
					assertThat(parameters.getString("run.id")).isEqualTo("chapter-" + instance);
					assertThat(LaunchOrigin.of(parameters)).isEqualTo("chapter: execution " + chapter.getId());
				});
		}
		assertThat(summary.get(ITEMS.indexOf("sensors"))).as("an item without a summary tells its exit description")
			.contains("expected 500000 found 500000");
		assertThat(summary).as("every item says what it did, not just its status")
			.noneMatch((line) -> line.endsWith(": COMPLETED"));
		assertThat(summary.get(ITEMS.indexOf("openssl"))).matches("openssl \\(execution \\d+\\): \\d+ encrypted");
		assertThat(summary.get(ITEMS.indexOf("factorize")))
			.matches("factorize \\(execution \\d+\\): \\d+ numbers factorized \\(\\w+, \\d+ threads?\\)");
		assertThat(JobOutputs.of(chapter)).anyMatch((output) -> output.contains("factorize"))
			.anyMatch((output) -> output.contains("gallery"))
			.anyMatch((output) -> output.contains("life"));
		assertThat(chapter.getStepExecutions()).extracting((step) -> step.getStepName())
			.contains("chapterOpenssl", "chapterFactorize", "chapterSensors", "chapterImages", "chapterLife",
					"chapterSummary");
	}

	@Test
	void countsAnItemAsDoneWhenItsJobCompletedBeforeTheChapterRecordedIt() throws Exception {
		// The chapter's process died after the factorize item completed and before the chapter's step recorded it.
		JobParameters parameters = UniqueJobParameters.of();
		JobParameters factorize = this.chapterItems.parameters("factorize", failedChapter(parameters));
		assertThat(this.jobOperator.start(this.factorizeJob, factorize).getStatus()).isEqualTo(BatchStatus.COMPLETED);

		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRepository.getJobExecutions(this.jobRepository.getJobInstance("factorize", factorize)))
			.as("factorize not run again").hasSize(1);
	}

	@Test
	void countsAnItemAsDoneWhenItsRestartFindsAllItsStepsCompleted() throws Exception {
		// The chapter was stopped (or killed) after the factorize item's steps completed, before its job did.
		JobParameters parameters = UniqueJobParameters.of();
		long instance = failedChapter(parameters);
		JobParameters factorize = this.chapterItems.parameters("factorize", instance);
		JobExecution item = this.jobOperator.start(this.factorizeJob, factorize);
		item.setStatus(BatchStatus.STOPPED);
		item.setExitStatus(ExitStatus.STOPPED);
		this.jobRepository.update(item);

		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.chapterItems.lastExecution(this.jobRepository, "factorize", restarted)
			.getExitStatus()
			.getExitCode()).as("the item's restart had nothing to do").isEqualTo(ExitStatus.NOOP.getExitCode());
	}

	@Test
	void restartsTheItemInstancesItsFirstExecutionStartedWhenTheDefaultsHaveChanged() throws Exception {
		// The first execution ran where factorize's threads defaulted to another processor count, started its
		// factorize item and was stopped; the restart runs here.
		JobParameters parameters = UniqueJobParameters.of();
		JobDescription<?> factorizeHere = this.descriptions.stream()
			.filter((description) -> description.jobName().equals("factorize"))
			.findFirst()
			.orElseThrow();
		String threadsHere = factorizeHere.toJobParameters(Map.of()).getString("threads");
		String threadsThere = Integer.toString(Integer.parseInt(threadsHere) + 1);
		ChapterItems there = new ChapterItems(List.of(this.factorizeJob),
				List.of(withThreads(factorizeHere, threadsThere)));
		long instance = failedChapter(parameters, there);
		JobExecution first = this.jobRepository.getLastJobExecution(ChapterJobConfiguration.JOB, parameters);
		JobParameters factorize = there.parameters("factorize", first);
		JobExecution item = this.jobOperator.start(this.factorizeJob, factorize);
		item.setStatus(BatchStatus.STOPPED);
		item.setExitStatus(ExitStatus.STOPPED);
		this.jobRepository.update(item);

		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as(restarted.getExitStatus().toString()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(this.jobRepository.getJobInstances("factorize", 0, 100))
			.filteredOn((child) -> ("chapter-" + instance)
				.equals(this.jobRepository.getLastJobExecution(child).getJobParameters().getString("run.id")))
			.as("the item's instance restarted, no new one started with this machine's defaults")
			.singleElement()
			.satisfies((child) -> {
				assertThat(this.jobRepository.getJobExecutions(child)).hasSize(2);
				assertThat(this.jobRepository.getLastJobExecution(child).getJobParameters().getString("threads"))
					.isEqualTo(threadsThere);
			});
	}

	@Test
	void aStopOfTheChapterStopsItsRunningItemsAndTheRestartFinishesThem() throws Exception {
		JobParameters parameters = UniqueJobParameters.of();
		FutureTask<JobExecution> run = BackgroundLaunch.start("stopped-chapter", this.jobs, parameters);
		Await.until("the sensors item committed a chunk", Duration.ofSeconds(60), () -> sensorsWrites(parameters) > 0);

		this.stopper.stop(this.jobRepository.getLastJobExecution(ChapterJobConfiguration.JOB, parameters));
		JobExecution stopped = run.get(60, TimeUnit.SECONDS);

		assertThat(stopped.getStatus()).isEqualTo(BatchStatus.STOPPED);
		assertThat(this.chapterItems.lastExecution(this.jobRepository, "sensors", stopped).getStatus())
			.as("the item stopped, not run to its end")
			.isEqualTo(BatchStatus.STOPPED);
		JobExecution restarted = this.jobs.startJob(parameters);

		assertThat(restarted.getStatus()).as("%s; items: %s", restarted.getExitStatus(), items(restarted))
			.isEqualTo(BatchStatus.COMPLETED);
		JobExecution sensors = this.chapterItems.lastExecution(this.jobRepository, "sensors", restarted);
		assertThat(sensors.getStatus()).isEqualTo(BatchStatus.COMPLETED);
		assertThat(sensors.getExitStatus().getExitDescription()).contains("expected 500000 found 500000");
	}

	@Test
	void namesAllItsStepsSoThatProgressCanCountThem() {
		assertThat(((AbstractJob) this.chapterJob).getStepNames()).containsExactlyInAnyOrder("chapterOpenssl",
				"chapterFactorize", "chapterSensors", "chapterImages", "chapterLife", "chapterSummary");
	}

	@Test
	void takesNoParametersOfItsOwn() {
		assertThatExceptionOfType(InvalidJobParametersException.class)
			.isThrownBy(() -> this.jobs.startJob(UniqueJobParameters.of("threads", "2")))
			.withMessageContaining("threads");
	}

	/** A chapter execution that failed before any item ran (its process died); returns its instance id. */
	private long failedChapter(JobParameters parameters) throws Exception {
		return failedChapter(parameters, null);
	}

	/**
	 * A chapter execution that failed before any item ran, after {@code recorded} (if any) recorded its items'
	 * parameters; returns its instance id.
	 */
	private long failedChapter(JobParameters parameters, ChapterItems recorded) throws Exception {
		JobInstance instance = this.jobRepository.createJobInstance(ChapterJobConfiguration.JOB, parameters);
		JobExecution died = this.jobRepository.createJobExecution(instance, parameters, new ExecutionContext());
		if (recorded != null && recorded.record(died)) {
			this.jobRepository.updateExecutionContext(died);
		}
		died.setStatus(BatchStatus.FAILED);
		died.setEndTime(LocalDateTime.now());
		this.jobRepository.update(died);
		return instance.getInstanceId();
	}

	/** Each item's last execution for a chapter execution: status and exit, for failure messages. */
	private String items(JobExecution chapter) {
		return ITEMS.stream().map((item) -> {
			JobExecution execution = this.chapterItems.lastExecution(this.jobRepository, item, chapter);
			return item + "=" + ((execution != null) ? execution.getStatus() + " " + execution.getExitStatus() : "none");
		}).toList().toString();
	}

	/** Readings the chapter's sensors item has committed so far (0 before the chapter or the item has started). */
	private long sensorsWrites(JobParameters parameters) {
		JobExecution chapter = this.jobRepository.getLastJobExecution(ChapterJobConfiguration.JOB, parameters);
		JobExecution sensors = (chapter != null) ? this.chapterItems.lastExecution(this.jobRepository, "sensors",
				chapter) : null;
		if (sensors == null) {
			return 0;
		}
		return this.jobRepository.getJobExecution(sensors.getId())
			.getStepExecutions()
			.stream()
			.filter((step) -> step.getStepName().startsWith("sensorsWorker"))
			.mapToLong((step) -> step.getWriteCount())
			.sum();
	}


	/** A job's description with another default for {@code threads}, as on a machine with another processor count. */
	private static JobDescription<Object> withThreads(JobDescription<?> description, String threads) {
		return new JobDescription<>() {

			@Override
			public String jobName() {
				return description.jobName();
			}

			@Override
			public String summary() {
				return description.summary();
			}

			@Override
			public List<JobParameterDescription> parameters() {
				return description.parameters()
					.stream()
					.map((parameter) -> !parameter.name().equals("threads") ? parameter
							: new JobParameterDescription(parameter.name(), threads, parameter.meaning(),
									parameter.alternative(), parameter.choices(), parameter.inputFile()))
					.toList();
			}

			@Override
			public Object parse(ParameterValues values) {
				return description.parse(values);
			}

		};
	}

	private static Path passwordFile(Path data) {
		try {
			Path file = data.resolve("openssl-password");
			Files.writeString(file, "chapter-secret\n");
			return file;
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

}
