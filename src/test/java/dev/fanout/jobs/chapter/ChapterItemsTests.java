package dev.fanout.jobs.chapter;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameters;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;
import dev.fanout.batch.LaunchKind;
import dev.fanout.batch.ParameterValues;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChapterItemsTests {

	@Test
	void givesEachItemItsDefaultsAndARunIdOfTheChapterInstance() {
		ChapterItems items = new ChapterItems(List.of(job("factorize")), List.of(description("factorize", null)));

		JobParameters parameters = items.parameters("factorize", 7);

		assertThat(parameters.getString("threads")).isEqualTo("2");
		assertThat(parameters.getString(JobDescription.RUN_ID)).isEqualTo("chapter-7");
	}

	@Test
	void rejectsTheChapterWithTheMessageOfTheItemThatWouldBeRejected() {
		List<LaunchKind> checked = new ArrayList<>();
		ChapterItems items = new ChapterItems(List.of(job("factorize"), job("openssl")),
				List.of(description("factorize", checked::add), description("openssl", (kind) -> {
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

	/** A description whose launch check runs {@code check}, if any. */
	private static JobDescription<String> description(String name, Consumer<LaunchKind> check) {
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
				return List.of(new JobParameterDescription("threads", "2", "workers"));
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
