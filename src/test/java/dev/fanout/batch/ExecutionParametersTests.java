package dev.fanout.batch;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.job.parameters.JobParametersBuilder;

import static org.assertj.core.api.Assertions.assertThat;

/** How an execution gets its typed parameters: the launch's own parse, or one parse when it starts; never more. */
class ExecutionParametersTests {

	private final AtomicInteger parses = new AtomicInteger();

	private final ExecutionParameters parameters = new ExecutionParameters(List.of(new Threads()));

	@Test
	void anExecutionGetsTheValueItsLaunchParsedWithoutParsingAgain() {
		JobParameters given = threads("3");
		Integer launched = 3;
		JobExecution execution = execution(11, given);

		try (ExecutionParameters.HandOver handOver = this.parameters.handOver("threads", given, launched)) {
			this.parameters.beforeJob(execution);
		}

		assertThat(this.parameters.of(execution, Integer.class)).isSameAs(launched);
		assertThat(this.parses).as("parses besides the launch's").hasValue(0);
	}

	@Test
	void anExecutionThatDidNotComeThroughTheLaunchPathIsParsedOnceWhenItStarts() {
		JobExecution execution = execution(12, threads("4"));

		this.parameters.beforeJob(execution);

		assertThat(this.parameters.of(execution, Integer.class)).isEqualTo(4);
		assertThat(this.parameters.of(execution, Integer.class)).isEqualTo(4);
		assertThat(this.parses).hasValue(1);
	}

	@Test
	void aHandOverGoesOnlyToTheExecutionOfItsOwnParameters() {
		JobExecution other = execution(13, threads("5"));

		try (ExecutionParameters.HandOver handOver = this.parameters.handOver("threads", threads("3"), 3)) {
			this.parameters.beforeJob(other);
		}

		assertThat(this.parameters.of(other, Integer.class)).isEqualTo(5);
	}

	@Test
	void anEndedExecutionIsForgotten() {
		JobParameters given = threads("3");
		JobExecution execution = execution(14, given);
		try (ExecutionParameters.HandOver handOver = this.parameters.handOver("threads", given, 33)) {
			this.parameters.beforeJob(execution);
		}

		this.parameters.afterJob(execution);

		assertThat(this.parameters.of(execution, Integer.class)).as("parsed again from its stored parameters")
			.isEqualTo(3);
	}

	private static JobParameters threads(String value) {
		return new JobParametersBuilder().addString("threads", value).toJobParameters();
	}

	private static JobExecution execution(long id, JobParameters parameters) {
		return new JobExecution(id, new JobInstance(id, "threads"), parameters);
	}

	/** A job with one parameter whose typed value is its number; counts its parses. */
	private final class Threads implements JobDescription<Integer> {

		@Override
		public String jobName() {
			return "threads";
		}

		@Override
		public String summary() {
			return "threads";
		}

		@Override
		public List<JobParameterDescription> parameters() {
			return List.of(new JobParameterDescription("threads", "2", "workers"));
		}

		@Override
		public Integer parse(ParameterValues values) {
			ExecutionParametersTests.this.parses.incrementAndGet();
			return values.whole("threads", 1, 8);
		}

	}

}
