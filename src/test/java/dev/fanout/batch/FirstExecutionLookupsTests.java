package dev.fanout.batch;

import java.time.LocalDateTime;

import org.junit.jupiter.api.Test;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.JobInstance;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.dao.DataAccessResourceFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.BDDMockito.given;
import static org.mockito.BDDMockito.willThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

/**
 * A launch as Spring Batch's launcher makes it (the instance, then its execution, on one thread), then its steps'
 * lookups of earlier executions as {@code SimpleStepHandler} makes them. The repository underneath answers every
 * lookup with an execution or a count, so an answer of none comes from the decorator alone.
 */
class FirstExecutionLookupsTests {

	private static final JobParameters PARAMETERS = new JobParameters();

	private final JobRepository repository = mock(JobRepository.class);

	private final JobRepository lookups = FirstExecutionLookups.around(this.repository);

	private final JobInstance instance = new JobInstance(7L, "job");

	private final JobExecution execution = new JobExecution(70L, this.instance, PARAMETERS);

	private final StepExecution earlier = new StepExecution(69L, "first", new JobExecution(69L, this.instance,
			PARAMETERS));

	FirstExecutionLookupsTests() throws Exception {
		given(this.repository.createJobInstance("job", PARAMETERS)).willReturn(this.instance);
		given(this.repository.createJobExecution(any(), any(), any())).willReturn(this.execution);
		given(this.repository.getLastStepExecution(any(), anyString())).willReturn(this.earlier);
		given(this.repository.getStepExecutionCount(any(), anyString())).willReturn(1L);
	}

	@Test
	void aNewInstancesFirstExecutionHasNoEarlierStepsAndTheRepositoryIsNotAsked() throws Exception {
		launchNew();

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isNull();
		assertThat(this.lookups.getStepExecutionCount(this.instance, "first")).isZero();
		verify(this.repository, never()).getLastStepExecution(any(), anyString());
		verify(this.repository, never()).getStepExecutionCount(any(), anyString());
	}

	@Test
	void aStepTheExecutionHasCreatedIsLookedUpInTheRepository() throws Exception {
		launchNew();
		this.lookups.createStepExecution("first", this.execution);

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
		assertThat(this.lookups.getStepExecutionCount(this.instance, "first")).isEqualTo(1);
		assertThat(this.lookups.getLastStepExecution(this.instance, "second")).isNull();
	}

	@Test
	void aRestartsLookupsGoToTheRepository() throws Exception {
		this.lookups.createJobExecution(this.instance, PARAMETERS, new ExecutionContext());

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
		assertThat(this.lookups.getStepExecutionCount(this.instance, "first")).isEqualTo(1);
	}

	@Test
	void anotherExecutionOfTheInstanceEndsItsFirstOne() throws Exception {
		launchNew();
		this.lookups.createJobExecution(this.instance, PARAMETERS, new ExecutionContext());

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
	}

	@Test
	void otherInstancesGoToTheRepository() throws Exception {
		launchNew();

		assertThat(this.lookups.getLastStepExecution(new JobInstance(8L, "job"), "first")).isSameAs(this.earlier);
	}

	@Test
	void afterItsEndIsWrittenTheRepositoryAnswers() throws Exception {
		launchNew();
		this.execution.setEndTime(LocalDateTime.now());
		this.lookups.update(this.execution);

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
	}

	@Test
	void anEndWhoseWriteFailedLeavesTheAnswersToTheRepository() throws Exception {
		launchNew();
		this.execution.setEndTime(LocalDateTime.now());
		willThrow(new DataAccessResourceFailureException("down")).given(this.repository).update(this.execution);

		assertThatThrownBy(() -> this.lookups.update(this.execution)).hasMessage("down");
		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
	}

	@Test
	void anUpdateBeforeTheEndKeepsTheAnswers() throws Exception {
		launchNew();
		this.lookups.update(this.execution);

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isNull();
	}

	@Test
	void anInstanceCreatedOnAnotherThreadIsNotThisThreadsNewOne() throws Exception {
		Thread creator = Thread.ofPlatform().start(() -> this.lookups.createJobInstance("job", PARAMETERS));
		creator.join();
		this.lookups.createJobExecution(this.instance, PARAMETERS, new ExecutionContext());

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
	}

	@Test
	void anExecutionCreatedAfterAnotherCallIsNotTheNewInstancesFirst() throws Exception {
		JobInstance created = this.lookups.createJobInstance("job", PARAMETERS);
		this.lookups.getJobInstance("job", PARAMETERS);
		this.lookups.createJobExecution(created, PARAMETERS, new ExecutionContext());

		assertThat(this.lookups.getLastStepExecution(this.instance, "first")).isSameAs(this.earlier);
	}

	private void launchNew() throws Exception {
		JobInstance created = this.lookups.createJobInstance("job", PARAMETERS);
		this.lookups.createJobExecution(created, PARAMETERS, new ExecutionContext());
	}

}
