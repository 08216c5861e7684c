package dev.fanout.jobs.chapter;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.dao.DefaultExecutionContextSerializer;
import org.springframework.batch.infrastructure.item.ExecutionContext;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChapterItemsTests {

	@Test
	void givesEachItemItsDefaultsAndARunIdOfTheChapterInstance() {
		ChapterItems items = new ChapterItems(List.of(job("factorize")), List.of(description("factorize", "2", null)));

		JobParameters parameters = items.parameters("factorize", 7);

		assertThat(parameters.getString("threads")).isEqualTo("2");
		assertThat(parameters.getString(JobDescription.RUN_ID)).isEqualTo("chapter-7");
	}

	@Test
	void restartsItemsWithTheParametersTheChaptersFirstExecutionRecordedWhenTheDefaultsHaveChanged() throws Exception {
		// threads defaults to the processor count: the restart runs where it is 1, the first execution where it was 2.
		ChapterItems first = new ChapterItems(List.of(job("factorize")), List.of(description("factorize", "2", null)));
		ChapterItems later = new ChapterItems(List.of(job("factorize")), List.of(description("factorize", "1", null)));
		JobInstance instance = new JobInstance(7, ChapterJobConfiguration.JOB);
		JobExecution chapter = new JobExecution(11, instance, new JobParameters());

		assertThat(first.record(chapter)).as("recorded on the first execution").isTrue();
		JobExecution restart = new JobExecution(12, instance, new JobParameters());
		restart.setExecutionContext(throughTheRepository(chapter.getExecutionContext()));

		assertThat(later.record(restart)).as("nothing more to record on a restart").isFalse();
		JobParameters parameters = later.parameters("factorize", restart);
		assertThat(parameters).isEqualTo(first.parameters("factorize", chapter));
		assertThat(parameters.getString("threads")).isEqualTo("2");
		assertThat(parameters.getString(JobDescription.RUN_ID)).isEqualTo("chapter-7");
	}

	@Test
	void givesTheCurrentDefaultsToAChapterThatRecordedNoParameters() {
		ChapterItems items = new ChapterItems(List.of(job("factorize")), List.of(description("factorize", "3", null)));
		JobExecution chapter = new JobExecution(11, new JobInstance(7, ChapterJobConfiguration.JOB), new JobParameters());

		assertThat(items.parameters("factorize", chapter)).isEqualTo(items.parameters("factorize", 7));
	}

	@Test
	void rejectsTheChapterWithTheMessageOfTheItemThatWouldBeRejected() {
		List<LaunchKind> checked = new ArrayList<>();
		ChapterItems items = new ChapterItems(List.of(job("factorize"), job("openssl")),
				List.of(description("factorize", "2", checked::add), description("openssl", "2", (kind) -> {
					throw new IllegalArgumentException("no password: set FANOUT_OPENSSL_PASSWORD");
				})));

		assertThatIllegalArgumentException().isThrownBy(() -> items.check(LaunchKind.RESTART))
			.withMessage("openssl: no password: set FANOUT_OPENSSL_PASSWORD");
		assertThat(checked).as("each item checked as it will be launched").containsExactly(LaunchKind.RESTART);
	}

	@Test
	void namesStepsAfterTheirJobsAndBack() {
		assertThat(ChapterItems.stepName("openssl")).isEqualTo("chapterOpenssl");
		assertThat(ChapterSummary.jobName("chapterOpenssl")).isEqualTo("openssl");
	}

	private static Job job(String name) {
		return new Job() {

			@Override
			public String getName() {
				return name;
			}

			@Override
			public void execute(JobExecution execution) {
				throw new UnsupportedOperationException();
			}

		};
	}

	/** The context as the repository stores and reads it back (Java serialization). */
	private static ExecutionContext throughTheRepository(ExecutionContext context) throws Exception {
		DefaultExecutionContextSerializer serializer = new DefaultExecutionContextSerializer();
		ByteArrayOutputStream bytes = new ByteArrayOutputStream();
		serializer.serialize(context.toMap(), bytes);
		return new ExecutionContext(serializer.deserialize(new ByteArrayInputStream(bytes.toByteArray())));
	}

	/** A description of one parameter, {@code threads}, whose launch check runs {@code check}, if any. */
	private static JobDescription<String> description(String name, String threads, Consumer<LaunchKind> check) {
		return new JobDescription<>() {

			@Override
			public String jobName() {
				return name;
			}

			@Override
			public String summary() {
				return name;
			}

			@Override
			public List<JobParameterDescription> parameters() {
				return List.of(new JobParameterDescription("threads", threads, "workers"));
			}

			@Override
			public String parse(ParameterValues values) {
				return values.required("threads");
			}

			@Override
			public String prepare(String parameters, LaunchKind kind) {
				if (check != null) {
					check.accept(kind);
				}
				return parameters;
			}

		};
	}

}
