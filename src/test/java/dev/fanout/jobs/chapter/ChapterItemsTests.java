package dev.fanout.jobs.chapter;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.InvalidJobParametersException;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersValidator;

import dev.fanout.batch.JobDescription;
import dev.fanout.batch.JobParameterDescription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ChapterItemsTests {

	@Test
	void givesEachItemItsDefaultsAndARunIdOfTheChapterInstance() {
		ChapterItems items = new ChapterItems(List.of(job("factorize", (p) -> {
		})), List.of(description("factorize")));

		JobParameters parameters = items.parameters("factorize", 7);

		assertThat(parameters.getString("threads")).isEqualTo("2");
		assertThat(parameters.getString(JobDescription.RUN_ID)).isEqualTo("chapter-7");
	}

	@Test
	void rejectsTheChapterWithTheMessageOfTheItemThatWouldBeRejected() {
		ChapterItems items = new ChapterItems(List.of(job("factorize", (p) -> {
		}), job("openssl", (p) -> {
			throw new InvalidJobParametersException("no password: set FANOUT_OPENSSL_PASSWORD");
		})), List.of(description("factorize"), description("openssl")));

		assertThatIllegalArgumentException().isThrownBy(() -> items.check(new JobParameters()))
			.withMessage("openssl: no password: set FANOUT_OPENSSL_PASSWORD");
	}

	@Test
	void namesStepsAfterTheirJobsAndBack() {
		assertThat(ChapterItems.stepName("openssl")).isEqualTo("chapterOpenssl");
		assertThat(ChapterSummary.jobName("chapterOpenssl")).isEqualTo("openssl");
	}

	private static Job job(String name, JobParametersValidator validator) {
		return new Job() {

			@Override
			public String getName() {
				return name;
			}

			@Override
			public void execute(JobExecution execution) {
				throw new UnsupportedOperationException();
			}

			@Override
			public JobParametersValidator getJobParametersValidator() {
				return validator;
			}

		};
	}

	private static JobDescription description(String name) {
		return new JobDescription() {

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

		};
	}

}
